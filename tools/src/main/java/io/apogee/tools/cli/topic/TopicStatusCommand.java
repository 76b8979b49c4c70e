package io.apogee.tools.cli.topic;

import io.apogee.remoting.body.MessageQueueBody;
import io.apogee.remoting.body.TopicOffset;
import io.apogee.remoting.body.TopicStatsTable;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.cli.Formats;
import io.apogee.tools.cli.JsonOutput;
import io.apogee.tools.cli.QueueRows;
import io.apogee.tools.cli.ReadCommand;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code topicStatus -t T}: GET_TOPIC_STATS_INFO (202) on every master of the route, one line per queue (min and
 * max offset, time of the last message) and the topic's put TPS.
 *
 * <p>Not thread-safe; runs once.
 */
@Command(name = "topicStatus", mixinStandardHelpOptions = true, description = "Examine topic Status info.")
public final class TopicStatusCommand extends ReadCommand {

    @Option(names = {"-t", "--topic"}, required = true, description = "Topic name.")
    String topic;

    @Option(names = {"-c", "--cluster"}, description = "Cluster name (accepted, not needed).")
    String cluster;

    @Override
    protected void execute(AdminClient admin, PrintWriter out) throws AdminException {
        TopicStatsTable stats = admin.topicStats(topic.trim());
        Map<MessageQueueBody, TopicOffset> sorted = QueueRows.sorted(stats.offsetTable);
        if (json) {
            JsonOutput.print(out, Map.of("offsetTable", QueueRows.entries(sorted), "topicPutTps", stats.topicPutTps));
            return;
        }
        out.printf("%-32s  %-4s  %-20s  %-20s    %s%n", "#Broker Name", "#QID", "#Min Offset", "#Max Offset",
                "#Last Updated");
        sorted.forEach((q, o) -> out.printf("%-32s  %-4d  %-20d  %-20d    %s%n", Formats.cut(q.brokerName, 32),
                q.queueId, o.minOffset, o.maxOffset, o.lastUpdateTimestamp > 0 ? Formats.time(o.lastUpdateTimestamp)
                        : ""));
        out.printf("%n");
        out.printf("Topic Put TPS: %s%n", stats.topicPutTps);
    }
}
