package io.apogee.tools.cli.consumer;

import io.apogee.remoting.body.MessageQueueBody;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.cli.Formats;
import io.apogee.tools.cli.JsonOutput;
import io.apogee.tools.cli.QueueRows;
import io.apogee.tools.cli.ReadCommand;
import io.apogee.tools.cli.Targets;
import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code getConsumerStatus -g GROUP -t T [-i CLIENT_ADDR]}: INVOKE_BROKER_TO_GET_CONSUMER_STATUS (223) on every
 * master of the topic, which asks the group's live clients for their offsets; one line per client and queue.
 *
 * <p>Not thread-safe; runs once.
 */
@Command(name = "getConsumerStatus", mixinStandardHelpOptions = true, description = "Get consumer status from "
        + "client.")
public final class GetConsumerStatusCommand extends ReadCommand {

    @Option(names = {"-g", "--group"}, required = true, description = "Consumer group.")
    String group;

    @Option(names = {"-t", "--topic"}, required = true, description = "Topic.")
    String topic;

    @Option(names = {"-i", "--originClientId"}, defaultValue = "", description = "The client address (default: all).")
    String clientAddr;

    @Override
    protected void execute(AdminClient admin, PrintWriter out) throws AdminException {
        Map<String, Map<MessageQueueBody, Long>> table = new TreeMap<>();
        for (String addr : Targets.topicMasters(admin, topic.trim()).values()) {
            admin.groups().consumerStatus(addr, topic.trim(), group.trim(), clientAddr.trim())
                    .forEach((client, offsets) -> table.computeIfAbsent(client, c -> new TreeMap<>(QueueRows.ORDER))
                            .putAll(offsets));
        }
        if (json) {
            Map<String, Object> byClient = new TreeMap<>();
            table.forEach((client, offsets) -> byClient.put(client, QueueRows.entries(offsets)));
            JsonOutput.print(out, byClient);
            return;
        }
        out.printf("get consumer status from client. group=%s, topic=%s, originClientId=%s%n", group.trim(),
                topic.trim(), clientAddr.trim());
        out.printf("%-50s  %-15s  %-15s  %-20s%n", "#clientId", "#brokerName", "#queueId", "#offset");
        table.forEach((client, offsets) -> offsets.forEach((q, offset) -> out.printf("%-50s  %-15s  %-15d  %-20d%n",
                Formats.cut(client, 50), q.brokerName, q.queueId, offset)));
    }
}
