package io.apogee.tools.cli.message;

import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.cli.CommandFailure;
import io.apogee.tools.cli.JsonOutput;
import io.apogee.tools.cli.ReadCommand;
import io.apogee.tools.message.MessageRecord;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code queryMsgByUniqueKey -i MSG_ID -t T [-a]}: QUERY_MESSAGE (12) by UNIQ_KEY on the topic's masters, printed in
 * the detail layout with the consuming groups' tracks (all copies with {@code -a}, else the first); with
 * {@code -g}/{@code -d} it is pushed to that consumer instead ({@link PushToConsumerOptions}).
 *
 * <p>Not thread-safe; runs once.
 */
@Command(name = "queryMsgByUniqueKey", mixinStandardHelpOptions = true, description = "Query Message by Unique key.")
public final class QueryMsgByUniqueKeyCommand extends ReadCommand {

    @Option(names = {"-i", "--msgId"}, required = true, description = "Message id (UNIQ_KEY).")
    String msgId;

    @Option(names = {"-t", "--topic"}, required = true, description = "The topic of the message.")
    String topic;

    @Option(names = {"-a", "--showAll"}, description = "Print all copies (at most 32).")
    boolean showAll;

    @Mixin
    PushToConsumerOptions push;

    @Override
    protected void execute(AdminClient admin, PrintWriter out) throws AdminException {
        boolean pushing = push.requested();
        List<MessageRecord> found = admin.queryByUniqKey(topic.trim(), msgId.trim());
        if (found.isEmpty()) {
            throw new CommandFailure("Message not found: " + msgId.trim());
        }
        if (pushing) {
            push.push(admin, out, found.get(0));
            return;
        }
        List<MessageRecord> shown = showAll ? found : found.subList(0, 1);
        if (json) {
            JsonOutput.print(out, shown.stream().map(r -> MessageJson.of(r, null)).toList());
            return;
        }
        for (MessageRecord r : shown) {
            MessageText.printDetail(out, r, null);
            MessageTracks.print(admin, out, r);
        }
    }
}
