package io.apogee.tools.cli.message;

import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.cli.CommandFailure;
import io.apogee.tools.cli.JsonOutput;
import io.apogee.tools.cli.ReadCommand;
import io.apogee.tools.message.MessageRecord;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code queryMsgById -i ID[,ID...] [-t T] [-f CHARSET]}: each id is first read as an offsetMsgId and fetched with
 * VIEW_MESSAGE_BY_ID (33) from the broker it names; when that fails and {@code -t} is given, as a UNIQ_KEY with
 * QUERY_MESSAGE (12) on the topic's brokers (the admin's fallback, docs/protocol/06-admin.md). Printed in the
 * detail layout with the consuming groups' tracks ({@link MessageTracks}); with {@code -g}/{@code -d} the message is
 * pushed to that consumer instead ({@link PushToConsumerOptions}).
 *
 * <p>Not thread-safe; runs once.
 */
@Command(name = "queryMsgById", mixinStandardHelpOptions = true, description = "Query Message by Id.")
public final class QueryMsgByIdCommand extends ReadCommand {

    @Option(names = {"-i", "--msgId"}, required = true, description = "Message id(s), comma separated.")
    String msgIds;

    @Option(names = {"-t", "--topic"}, description = "Topic name (for the UNIQ_KEY fallback).")
    String topic;

    @Option(names = {"-f", "--bodyFormat"}, description = "Print the body in this charset, eg: UTF-8.")
    Charset charset;

    @Mixin
    PushToConsumerOptions push;

    @Override
    protected void execute(AdminClient admin, PrintWriter out) throws AdminException {
        boolean pushing = push.requested();
        List<Object> found = new ArrayList<>();
        for (String id : msgIds.split(",")) {
            MessageRecord record = find(admin, id.trim());
            if (pushing) {
                push.push(admin, out, record);
            } else if (json) {
                found.add(MessageJson.of(record, charset));
            } else {
                MessageText.printDetail(out, record, charset);
                MessageTracks.print(admin, out, record);
            }
        }
        if (json && !pushing) {
            JsonOutput.print(out, found);
        }
    }

    private MessageRecord find(AdminClient admin, String id) throws AdminException {
        try {
            return admin.viewMessage(topic == null ? null : topic.trim(), id);
        } catch (AdminException byOffset) {
            if (topic == null) {
                throw byOffset;
            }
            List<MessageRecord> records = admin.queryByUniqKey(topic.trim(), id);
            if (records.isEmpty()) {
                throw new CommandFailure("Message not found: " + id);
            }
            return records.get(0);
        }
    }
}
