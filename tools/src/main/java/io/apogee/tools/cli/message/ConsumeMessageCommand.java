package io.apogee.tools.cli.message;

import io.apogee.remoting.body.TopicRouteData;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.admin.BrokerLocator;
import io.apogee.tools.cli.JsonOutput;
import io.apogee.tools.cli.ReadCommand;
import io.apogee.tools.cli.CommandFailure;
import io.apogee.tools.cli.Targets;
import io.apogee.tools.message.MessageQueue;
import io.apogee.tools.message.MessageRecord;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code consumeMessage -t T [-b BROKER_NAME [-i QUEUE_ID [-o OFFSET]]] [-g GROUP] [-s BEGIN] [-e END] [-c 128]}:
 * pulls (11) at most {@code -c} messages from the chosen queues (all readable queues of the topic when no
 * {@code -b}), from the min offset or the offset of {@code -s} / {@code -o} to the max offset or that of {@code -e},
 * printing {@code Consume ok} and one line per message per batch (with {@code --json}, one JSON object per message
 * and line). Nothing is committed.
 *
 * <p>Not thread-safe; runs once.
 */
@Command(name = "consumeMessage", mixinStandardHelpOptions = true, description = "Consume message.")
public final class ConsumeMessageCommand extends ReadCommand {

    @Option(names = {"-t", "--topic"}, required = true, description = "Topic name.")
    String topic;

    @Option(names = {"-b", "--brokerName"}, description = "Broker name.")
    String brokerName;

    @Option(names = {"-i", "--queueId"}, description = "Queue id.")
    Integer queueId;

    @Option(names = {"-o", "--offset"}, description = "Queue offset.")
    Long offset;

    @Option(names = {"-g", "--consumerGroup"}, description = "Consumer group name.")
    String group;

    @Option(names = {"-s", "--beginTimestamp"}, description = "Begin: now, ms or yyyy-MM-dd#HH:mm:ss:SSS.")
    String begin;

    @Option(names = {"-e", "--endTimestamp"}, description = "End: now, ms or yyyy-MM-dd#HH:mm:ss:SSS.")
    String end;

    @Option(names = {"-c", "--MessageNumber"}, defaultValue = "128", description = "How many messages (default 128).")
    long count;

    @Override
    protected void execute(AdminClient admin, PrintWriter out) throws AdminException {
        validate();
        String name = topic.trim();
        TopicRouteData route = admin.route(name);
        long left = count;
        for (MessageQueue queue : chosen(name, route)) {
            if (left <= 0) {
                break;
            }
            String addr = Targets.masterInRoute(route, name, queue.brokerName());
            long[] range = QueueReader.range(admin, addr, queue, begin, end);
            long min = range[0];
            long max = range[1];
            min = offset != null ? Math.max(min, offset) : min;
            if (max - min > left) {
                if (!json) {
                    out.printf("The older %d message of the %d queue will be provided%n", left, queue.queueId());
                }
                max = min + left;
            }
            left -= Math.max(0, max - min);
            QueueReader.End last = new QueueReader(admin, addr, group).read(queue, "*", min, max,
                    records -> print(out, records, queue.brokerName()));
            if (!json) {
                out.printf("%s print msg finished. status=%s, offset=%s%n", queue, last.status(), last.offset());
            }
        }
    }

    private void print(PrintWriter out, List<MessageRecord> records, String broker) {
        if (json) {
            records.forEach(r -> JsonOutput.line(out, MessageJson.of(r, StandardCharsets.UTF_8)));
            return;
        }
        out.printf("Consume ok%n");
        records.forEach(r -> out.printf("%s%n", MessageText.printLine(r, broker, StandardCharsets.UTF_8, true)));
    }

    private void validate() {
        if (count <= 0) {
            throw new CommandFailure("Please input a positive messageNumber!");
        }
        if (queueId != null && brokerName == null) {
            throw new CommandFailure("Please set the brokerName before queueId!");
        }
        if (offset != null && queueId == null) {
            throw new CommandFailure("Please set queueId before offset!");
        }
    }

    private List<MessageQueue> chosen(String name, TopicRouteData route) {
        return BrokerLocator.readQueues(name, route).stream()
                .filter(q -> brokerName == null || q.brokerName().equals(brokerName.trim()))
                .filter(q -> queueId == null || q.queueId() == queueId).toList();
    }
}
