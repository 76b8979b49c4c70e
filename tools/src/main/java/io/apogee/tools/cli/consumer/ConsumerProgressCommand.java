package io.apogee.tools.cli.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import io.apogee.remoting.body.Connection;
import io.apogee.remoting.body.ConsumeStats;
import io.apogee.remoting.body.ConsumerConnection;
import io.apogee.remoting.body.MessageQueueBody;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.admin.QueueKeyedJson;
import io.apogee.tools.cli.Formats;
import io.apogee.tools.cli.JsonOutput;
import io.apogee.tools.cli.QueueRows;
import io.apogee.tools.cli.ReadCommand;
import java.io.PrintWriter;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code consumerProgress [-g GROUP [-t T]]}: with a group, GET_CONSUME_STATS (208) on the masters of its retry
 * route, one line per queue (broker offset, committed offset, backlog, in flight, time of the last consumed
 * message) and the totals; without, one line per group found as a {@code %RETRY%} topic (connections 203 and
 * consume stats).
 *
 * <p>Not thread-safe; runs once.
 */
@Command(name = "consumerProgress", mixinStandardHelpOptions = true, description = "Query consumers's progress, "
        + "speed.")
public final class ConsumerProgressCommand extends ReadCommand {

    @Option(names = {"-g", "--groupName"}, description = "Consumer group name.")
    String group;

    @Option(names = {"-t", "--topicName"}, description = "Topic name.")
    String topic;

    @Option(names = {"-s", "--showClientIP"}, arity = "1", defaultValue = "false",
            description = "Show client IP per queue: true|false.")
    boolean showClientIp;

    @Option(names = {"-c", "--cluster"}, description = "Cluster name (accepted, not needed).")
    String cluster;

    @Override
    protected void execute(AdminClient admin, PrintWriter out) throws AdminException {
        if (group == null) {
            allGroups(admin, out);
            return;
        }
        ConsumeStats stats = admin.consumeStats(group.trim(), topic == null ? null : topic.trim());
        if (json) {
            JsonOutput.print(out, Map.of("offsetTable", QueueRows.entries(stats.offsetTable),
                    "consumeTps", stats.consumeTps));
            return;
        }
        Map<MessageQueueBody, String> clientIps = showClientIp ? allocation(admin, group.trim()) : Map.of();
        String ipHeader = showClientIp ? String.format("%-20s ", "#Client IP") : "";
        out.printf("%-64s  %-32s  %-4s  %-20s  %-20s  %s%-20s %-20s%s%n", "#Topic", "#Broker Name", "#QID",
                "#Broker Offset", "#Consumer Offset", ipHeader, "#Diff", "#Inflight", "#LastTime");
        long[] totals = new long[2];
        SimpleDateFormat time = new SimpleDateFormat("yyyy-MM-dd HH:mm:ss");
        QueueRows.sorted(stats.offsetTable).forEach((q, o) -> {
            long diff = o.brokerOffset - o.consumerOffset;
            long inflight = o.pullOffset - o.consumerOffset;
            totals[0] += diff;
            totals[1] += inflight;
            String ip = showClientIp ? String.format("%-20s ", clientIps.getOrDefault(q, "N/A")) : "";
            out.printf("%-64s  %-32s  %-4d  %-20d  %-20d  %s%-20d %-20d %s%n", Formats.cut(q.topic, 64),
                    Formats.cut(q.brokerName, 32), q.queueId, o.brokerOffset, o.consumerOffset, ip, diff, inflight,
                    o.lastTimestamp == 0 ? "N/A" : time.format(new Date(o.lastTimestamp)));
        });
        out.printf("%n");
        out.printf("Consume TPS: %.2f%n", stats.consumeTps);
        out.printf("Consume Diff Total: %d%n", totals[0]);
        out.printf("Consume Inflight Total: %d%n", totals[1]);
    }

    /**
     * Which client holds each queue, by the IP part of its client id: the queues of each live client's running info
     * (GET_CONSUMER_RUNNING_INFO 307), as Apache's {@code -s true}; a client that does not answer is left out.
     */
    private static Map<MessageQueueBody, String> allocation(AdminClient admin, String group) {
        Map<MessageQueueBody, String> owners = new TreeMap<>(QueueRows.ORDER);
        try {
            String addr = admin.groupMasters(group).values().stream().findFirst().orElse(null);
            for (Connection c : ConnectionLookup.consumers(admin, group, null).connectionSet) {
                JsonNode info = admin.groups().consumerRunningInfo(addr, group, c.clientId, false);
                String ip = c.clientId.split("@")[0];
                QueueKeyedJson.queueMap(info.get("mqTable"), JsonNode.class).keySet().forEach(q -> owners.put(q, ip));
            }
        } catch (AdminException | RuntimeException e) {
            // as Apache: the column shows N/A where the owner is unknown
        }
        return owners;
    }

    private void allGroups(AdminClient admin, PrintWriter out) throws AdminException {
        String format = "%-64s  %-6s  %-24s %-5s  %-14s  %-7s  %s%n";
        if (!json) {
            out.printf(format, "#Group", "#Count", "#Version", "#Type", "#Model", "#TPS", "#Diff Total");
        }
        Map<String, Object> rows = new LinkedHashMap<>();
        for (String retryTopic : new TreeSet<>(admin.topicList().topicList)) {
            if (!retryTopic.startsWith("%RETRY%")) {
                continue;
            }
            String name = retryTopic.substring("%RETRY%".length());
            GroupSummary summary = GroupSummary.of(admin, name);
            rows.put(name, summary);
            if (!json) {
                out.printf("%-64s  %-6d  %-24s %-5s  %-14s  %-7d  %d%n", Formats.cut(name, 64), summary.count,
                        summary.count > 0 ? summary.version : "OFFLINE", summary.type, summary.model, summary.tps,
                        summary.diffTotal);
            }
        }
        if (json) {
            JsonOutput.print(out, rows);
        }
    }

    /** One group's line: connections (203) and consume stats (208); what a broker did not answer stays empty. */
    static final class GroupSummary {
        public int count;
        public String version = "";
        public String type = "";
        public String model = "";
        public int tps;
        public long diffTotal;

        static GroupSummary of(AdminClient admin, String group) {
            GroupSummary s = new GroupSummary();
            try {
                ConsumeStats stats = admin.consumeStats(group, null);
                s.tps = (int) stats.consumeTps;
                s.diffTotal = stats.totalDiff();
            } catch (AdminException e) {
                // no stats: the line shows 0
            }
            try {
                ConsumerConnection cc = ConnectionLookup.consumers(admin, group, null);
                s.count = cc.connectionSet.size();
                s.version = cc.connectionSet.stream().mapToInt(c -> c.version).min().stream()
                        .mapToObj(ClientVersion::desc).findFirst().orElse("");
                s.type = ClientVersion.consumeType(cc.consumeType);
                s.model = cc.messageModel == null ? "" : cc.messageModel;
            } catch (AdminException e) {
                // offline group
            }
            return s;
        }
    }
}
