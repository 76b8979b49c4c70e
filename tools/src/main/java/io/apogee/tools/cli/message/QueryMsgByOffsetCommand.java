package io.apogee.tools.cli.message;

import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.admin.MessageOperations;
import io.apogee.tools.admin.PullReply;
import io.apogee.tools.cli.CommandFailure;
import io.apogee.tools.cli.JsonOutput;
import io.apogee.tools.cli.ReadCommand;
import io.apogee.tools.cli.Targets;
import io.apogee.tools.message.MessageQueue;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code queryMsgByOffset -t T -b BROKER_NAME -i QUEUE_ID -o OFFSET [-f CHARSET]}: PULL_MESSAGE (11) of one message
 * at that offset, printed in queryMsgById's detail layout.
 *
 * <p>Not thread-safe; runs once.
 */
@Command(name = "queryMsgByOffset", mixinStandardHelpOptions = true, description = "Query Message by offset.")
public final class QueryMsgByOffsetCommand extends ReadCommand {

    @Option(names = {"-t", "--topic"}, required = true, description = "Topic name.")
    String topic;

    @Option(names = {"-b", "--brokerName"}, required = true, description = "Broker name.")
    String brokerName;

    @Option(names = {"-i", "--queueId"}, required = true, description = "Queue id.")
    int queueId;

    @Option(names = {"-o", "--offset"}, required = true, description = "Queue offset.")
    long offset;

    @Option(names = {"-f", "--bodyFormat"}, description = "Print the body in this charset, eg: UTF-8.")
    Charset charset;

    @Override
    protected void execute(AdminClient admin, PrintWriter out) throws AdminException {
        String name = topic.trim();
        String addr = Targets.masterInRoute(admin.route(name), name, brokerName.trim());
        MessageQueue queue = new MessageQueue(name, brokerName.trim(), queueId);
        PullReply reply = admin.messages().pull(addr, MessageOperations.TOOLS_CONSUMER_GROUP, queue, "*", offset, 1);
        if (reply.records().isEmpty()) {
            throw new CommandFailure("no message at offset " + offset + " of " + queue + ": " + reply.status()
                    + " (queue offsets " + reply.minOffset() + ".." + reply.maxOffset() + ")");
        }
        if (json) {
            JsonOutput.print(out, MessageJson.of(reply.records().get(0), charset));
            return;
        }
        MessageText.printDetail(out, reply.records().get(0), charset);
        MessageTracks.print(admin, out, reply.records().get(0));
    }
}
