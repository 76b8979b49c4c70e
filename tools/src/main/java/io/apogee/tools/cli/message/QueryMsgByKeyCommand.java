package io.apogee.tools.cli.message;

import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.cli.JsonOutput;
import io.apogee.tools.cli.ReadCommand;
import io.apogee.tools.message.MessageRecord;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code queryMsgByKey -t T -k KEY [-b BEGIN_MS] [-e END_MS] [-m 64]}: QUERY_MESSAGE (12) on every master of the
 * topic, keeping the messages whose KEYS contain the key; one line per message (id, queue, offset).
 *
 * <p>Not thread-safe; runs once.
 */
@Command(name = "queryMsgByKey", mixinStandardHelpOptions = true, description = "Query Message by Key.")
public final class QueryMsgByKeyCommand extends ReadCommand {

    @Option(names = {"-t", "--topic"}, required = true, description = "Topic name.")
    String topic;

    @Option(names = {"-k", "--msgKey"}, required = true, description = "Message key.")
    String key;

    @Option(names = {"-b", "--beginTimestamp"}, defaultValue = "0", description = "Begin (ms, default 0).")
    long begin;

    @Option(names = {"-e", "--endTimestamp"}, defaultValue = "9223372036854775807",
            description = "End (ms, default Long.MAX_VALUE).")
    long end;

    @Option(names = {"-m", "--maxNum"}, defaultValue = "64", description = "Max messages (default 64).")
    int maxNum;

    @Option(names = {"-c", "--cluster"}, description = "Cluster name (accepted, not needed).")
    String cluster;

    @Override
    protected void execute(AdminClient admin, PrintWriter out) throws AdminException {
        List<MessageRecord> found = admin.queryByKey(topic.trim(), key.trim(), maxNum, begin, end);
        if (json) {
            JsonOutput.print(out, found.stream().map(r -> MessageJson.of(r, null)).toList());
            return;
        }
        out.printf("%-50s %4s %40s%n", "#Message ID", "#QID", "#Offset");
        found.forEach(r -> out.printf("%-50s %4d %40d%n", r.msgId(), r.queueId(), r.queueOffset()));
    }
}
