package io.apogee.tools.cli.message;

import io.apogee.remoting.body.TopicRouteData;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.admin.BrokerLocator;
import io.apogee.tools.cli.JsonOutput;
import io.apogee.tools.cli.ReadCommand;
import io.apogee.tools.cli.Targets;
import io.apogee.tools.message.MessageQueue;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code printMsg -t T [-c UTF-8] [-s "TagA || TagB"] [-b BEGIN] [-e END] [-d true]}: every readable queue of the
 * topic from its min offset (or the offset of {@code -b}, SEARCH_OFFSET_BY_TIMESTAMP 29) to its max offset (or that
 * of {@code -e}), pulled (11) and printed one {@code MSGID: ...} line per message.
 *
 * <p>Not thread-safe; runs once.
 */
@Command(name = "printMsg", mixinStandardHelpOptions = true, description = "Print Message Detail.")
public final class PrintMsgCommand extends ReadCommand {

    @Option(names = {"-t", "--topic"}, required = true, description = "Topic name.")
    String topic;

    @Mixin
    ReadRangeOptions read;

    @Option(names = {"-d", "--printBody"}, arity = "1", defaultValue = "true", description = "Print the body.")
    boolean printBody;

    @Option(names = {"-l", "--lmqParentTopic"}, description = "LMQ parent topic (not supported by Apogee).")
    String lmqParentTopic;

    @Override
    protected void execute(AdminClient admin, PrintWriter out) throws AdminException {
        String name = topic.trim();
        TopicRouteData route = admin.route(name);
        for (MessageQueue queue : BrokerLocator.readQueues(name, route)) {
            String addr = Targets.masterInRoute(route, name, queue.brokerName());
            long[] range = QueueReader.range(admin, addr, queue, read.begin, read.end);
            long min = range[0];
            long max = range[1];
            if (json) {
                new QueueReader(admin, addr, null).read(queue, read.subExpression, min, max,
                        records -> records.forEach(r -> JsonOutput.line(out, MessageJson.of(r, read.charset))));
                continue;
            }
            out.printf("minOffset=%s, maxOffset=%s, %s%n", min, max, queue);
            QueueReader.End last = new QueueReader(admin, addr, null).read(queue, read.subExpression, min, max,
                    records -> records.forEach(r -> out.printf("%s%n",
                            MessageText.printLine(r, queue.brokerName(), read.charset, printBody))));
            out.printf("%s print msg finished. status=%s, offset=%s%n", queue, last.status(), last.offset());
            out.printf("--------------------------------------------------------%n");
        }
    }
}
