package io.apogee.tools.cli.broker;

import io.apogee.remoting.body.ConsumeStats;
import io.apogee.remoting.body.ConsumeStatsList;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.cli.Formats;
import io.apogee.tools.cli.JsonOutput;
import io.apogee.tools.cli.QueueRows;
import io.apogee.tools.cli.ReadCommand;
import java.io.PrintWriter;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code brokerConsumeStats -b ADDR [-t 50000] [-l 0] [-o false]}: GET_BROKER_CONSUME_STATS (317), one line per
 * queue of every group whose backlog is at least {@code -l} and which has consumed something, then the total.
 *
 * <p>Not thread-safe; runs once.
 */
@Command(name = "brokerConsumeStats", mixinStandardHelpOptions = true,
        description = "Fetch broker consume stats data.")
public final class BrokerConsumeStatsCommand extends ReadCommand {

    @Option(names = {"-b", "--brokerAddr"}, required = true, description = "Broker address.")
    String brokerAddr;

    @Option(names = {"-t", "--timeoutMillis"}, defaultValue = "50000", description = "Request timeout in ms.")
    long timeoutMillis;

    @Option(names = {"-l", "--level"}, defaultValue = "0", description = "Threshold of print diff.")
    long diffLevel;

    @Option(names = {"-o", "--order"}, arity = "1", defaultValue = "false", description = "Order topic.")
    boolean order;

    @Override
    protected void execute(AdminClient admin, PrintWriter out) throws AdminException {
        ConsumeStatsList list = admin.stats().brokerConsumeStats(brokerAddr.trim(), order, timeoutMillis);
        if (json) {
            JsonOutput.print(out, asJson(list));
            return;
        }
        out.printf("%-64s  %-64s  %-32s  %-4s  %-20s  %-20s  %-20s  %s%n", "#Topic", "#Group", "#Broker Name", "#QID",
                "#Broker Offset", "#Consumer Offset", "#Diff", "#LastTime");
        SimpleDateFormat time = new SimpleDateFormat("yyyy-MM-dd HH:mm:ss");
        for (Map<String, List<ConsumeStats>> byGroup : list.consumeStatsList) {
            byGroup.forEach((group, statsList) -> statsList.forEach(stats ->
                    QueueRows.sorted(stats.offsetTable).forEach((q, o) -> {
                        long diff = o.brokerOffset - o.consumerOffset;
                        if (diff >= diffLevel && o.lastTimestamp > 0) {
                            out.printf("%-64s  %-64s  %-32s  %-4d  %-20d  %-20d  %-20d  %s%n",
                                    Formats.cut(q.topic, 64), group, Formats.cut(q.brokerName, 32), q.queueId,
                                    o.brokerOffset, o.consumerOffset, diff,
                                    time.format(new Date(o.lastTimestamp)));
                        }
                    })));
        }
        out.printf("%nDiff Total: %d%n", list.totalDiff);
    }

    private static Map<String, Object> asJson(ConsumeStatsList list) {
        List<Map<String, Object>> groups = new ArrayList<>();
        for (Map<String, List<ConsumeStats>> byGroup : list.consumeStatsList) {
            byGroup.forEach((group, statsList) -> statsList.forEach(stats -> {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("group", group);
                one.put("consumeTps", stats.consumeTps);
                one.put("offsetTable", QueueRows.entries(stats.offsetTable));
                groups.add(one);
            }));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("brokerAddr", list.brokerAddr);
        json.put("totalDiff", list.totalDiff);
        json.put("totalInflightDiff", list.totalInflightDiff);
        json.put("consumeStatsList", groups);
        return json;
    }
}
