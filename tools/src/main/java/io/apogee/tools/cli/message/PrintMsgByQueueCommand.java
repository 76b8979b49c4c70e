package io.apogee.tools.cli.message;

import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.cli.JsonOutput;
import io.apogee.tools.cli.ReadCommand;
import io.apogee.tools.cli.Targets;
import io.apogee.tools.message.MessageQueue;
import io.apogee.tools.message.MessageRecord;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code printMsgByQueue -t T -a BROKER_NAME -i QUEUE_ID [-c UTF-8] [-s EXPR] [-b BEGIN] [-e END] [-p] [-d] [-f]}:
 * like printMsg for one queue; {@code -p true} prints the messages, {@code -f true} counts them per tag
 * ({@code Tag: ... Count: n}, largest count first). With {@code --json}: one JSON object per message and line, then
 * {@code {"tagCounts":{...}}}.
 *
 * <p>Not thread-safe; runs once.
 */
@Command(name = "printMsgByQueue", mixinStandardHelpOptions = true, description = "Print Message Detail.")
public final class PrintMsgByQueueCommand extends ReadCommand {

    @Option(names = {"-t", "--topic"}, required = true, description = "Topic name.")
    String topic;

    @Option(names = {"-a", "--brokerName"}, required = true, description = "Broker name.")
    String brokerName;

    @Option(names = {"-i", "--queueId"}, required = true, description = "Queue id.")
    int queueId;

    @Mixin
    ReadRangeOptions read;

    @Option(names = {"-p", "--print"}, arity = "1", defaultValue = "false", description = "Print the messages.")
    boolean printMessages;

    @Option(names = {"-d", "--printBody"}, arity = "1", defaultValue = "false", description = "Print the body.")
    boolean printBody;

    @Option(names = {"-f", "--calculate"}, arity = "1", defaultValue = "false", description = "Count by tag.")
    boolean countTags;

    @Override
    protected void execute(AdminClient admin, PrintWriter out) throws AdminException {
        String name = topic.trim();
        MessageQueue queue = new MessageQueue(name, brokerName.trim(), queueId);
        String addr = Targets.masterInRoute(admin.route(name), name, queue.brokerName());
        long[] range = QueueReader.range(admin, addr, queue, read.begin, read.end);
        Map<String, Long> tagCounts = new TreeMap<>();
        new QueueReader(admin, addr, null).read(queue, read.subExpression, range[0], range[1], records -> {
            for (MessageRecord r : records) {
                tagCounts.merge(String.valueOf(r.tags()), 1L, Long::sum);
                if (printMessages && json) {
                    JsonOutput.line(out, MessageJson.of(r, read.charset));
                } else if (printMessages) {
                    out.printf("%s%n", MessageText.printLine(r, queue.brokerName(), read.charset, printBody));
                }
            }
        });
        if (countTags && json) {
            JsonOutput.line(out, Map.of("tagCounts", tagCounts));
        } else if (countTags) {
            tagCounts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                    .forEach(e -> out.printf("Tag: %-30s Count: %s%n", e.getKey(), e.getValue()));
        }
    }
}
