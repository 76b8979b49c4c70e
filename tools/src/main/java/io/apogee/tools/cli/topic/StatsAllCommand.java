package io.apogee.tools.cli.topic;

import io.apogee.remoting.body.BrokerStatsData;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.admin.BrokerLocator;
import io.apogee.tools.cli.Formats;
import io.apogee.tools.cli.JsonOutput;
import io.apogee.tools.cli.ReadCommand;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code statsAll [-a] [-t T]}: per topic and consumer group, the backlog (GET_CONSUME_STATS 208 via the group's
 * retry route), in/out TPS and 24-hour counts (VIEW_BROKER_STATS_DATA 315, {@code TOPIC_PUT_NUMS} of the topic and
 * {@code GROUP_GET_NUMS} of {@code topic@group}) summed over the topic's masters. Figures a broker does not
 * answer count as 0, as in Apache's tool.
 *
 * <p>Not thread-safe; runs once.
 */
@Command(name = "statsAll", mixinStandardHelpOptions = true, description = "Topic and Consumer tps stats.")
public final class StatsAllCommand extends ReadCommand {

    private static final String HEADER = "%-64s  %-64s %12s %11s %11s %14s %14s%n";

    @Option(names = {"-a", "--activeTopic"}, description = "Print active topic only.")
    boolean activeTopic;

    @Option(names = {"-t", "--topic"}, description = "Print the selected topic only.")
    String selectTopic;

    @Override
    protected void execute(AdminClient admin, PrintWriter out) throws AdminException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String topic : new TreeSet<>(admin.topicList().topicList)) {
            boolean selected = selectTopic == null || selectTopic.isBlank() || topic.equals(selectTopic.trim());
            if (selected && !topic.startsWith("%RETRY%") && !topic.startsWith("%DLQ%")) {
                rows.addAll(rowsOf(admin, topic));
            }
        }
        if (json) {
            JsonOutput.print(out, rows);
            return;
        }
        out.printf(HEADER, "#Topic", "#Consumer Group", "#Accumulation", "#InTPS", "#OutTPS", "#InMsg24Hour",
                "#OutMsg24Hour");
        for (Map<String, Object> r : rows) {
            if (r.get("consumerGroup") == null) {
                out.printf("%-64s  %-64s %12d %11.2f %11s %14d %14s%n", Formats.cut((String) r.get("topic"), 64), "",
                        0, r.get("inTps"), "", r.get("inMsg24Hour"), "NO_CONSUMER");
            } else {
                out.printf("%-64s  %-64s %12d %11.2f %11.2f %14d %14d%n", Formats.cut((String) r.get("topic"), 64),
                        Formats.cut((String) r.get("consumerGroup"), 64), r.get("accumulation"), r.get("inTps"),
                        r.get("outTps"), r.get("inMsg24Hour"), r.get("outMsg24Hour"));
            }
        }
    }

    private List<Map<String, Object>> rowsOf(AdminClient admin, String topic) {
        Collection<String> masters;
        try {
            masters = BrokerLocator.masters(admin.route(topic)).values();
        } catch (AdminException e) {
            return List.of();
        }
        double[] in = sum(admin, masters, "TOPIC_PUT_NUMS", topic);
        List<Map<String, Object>> rows = new ArrayList<>();
        Set<String> groups = consumers(admin, masters, topic);
        if (groups.isEmpty() && (!activeTopic || in[1] > 0)) {
            rows.add(row(topic, null, 0, in, new double[2]));
        }
        for (String group : groups) {
            double[] outStats = sum(admin, masters, "GROUP_GET_NUMS", topic + "@" + group);
            if (!activeTopic || in[1] > 0 || outStats[1] > 0) {
                rows.add(row(topic, group, backlog(admin, group, topic), in, outStats));
            }
        }
        return rows;
    }

    private static Map<String, Object> row(String topic, String group, long backlog, double[] in, double[] out) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("topic", topic);
        row.put("consumerGroup", group);
        row.put("accumulation", backlog);
        row.put("inTps", in[0]);
        row.put("outTps", out[0]);
        row.put("inMsg24Hour", (long) in[1]);
        row.put("outMsg24Hour", (long) out[1]);
        return row;
    }

    private static Set<String> consumers(AdminClient admin, Collection<String> masters, String topic) {
        Set<String> groups = new TreeSet<>();
        for (String addr : masters) {
            try {
                groups.addAll(admin.groups().consumersOfTopic(addr, topic).groupList);
            } catch (AdminException e) {
                // counted as no consumer on that broker
            }
        }
        return groups;
    }

    private static long backlog(AdminClient admin, String group, String topic) {
        try {
            return Math.max(0, admin.consumeStats(group, topic).totalDiff());
        } catch (AdminException e) {
            return 0;
        }
    }

    /** {minute TPS, 24-hour count} summed over {@code masters}. */
    private static double[] sum(AdminClient admin, Collection<String> masters, String statsName, String key) {
        double[] total = new double[2];
        for (String addr : masters) {
            try {
                BrokerStatsData data = admin.stats().brokerStatsData(addr, statsName, key);
                total[0] += data.statsMinute == null ? 0 : data.statsMinute.tps;
                total[1] += dayCount(data);
            } catch (AdminException e) {
                // a broker without the statistic counts 0
            }
        }
        return total;
    }

    /** Apache's compute24HourSum: the day sum, else the hour sum, else the minute sum. */
    private static long dayCount(BrokerStatsData data) {
        if (data.statsDay != null && data.statsDay.sum != 0) {
            return data.statsDay.sum;
        }
        if (data.statsHour != null && data.statsHour.sum != 0) {
            return data.statsHour.sum;
        }
        return data.statsMinute == null ? 0 : data.statsMinute.sum;
    }
}
