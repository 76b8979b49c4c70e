package io.apogee.tools.cli.message;

import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.MessageQueueBody;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.cli.AdminCommand;
import io.apogee.tools.cli.Formats;
import io.apogee.tools.cli.QueueRows;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code resetOffsetByTime -g GROUP -t T -s now|MS|yyyy-MM-dd#HH:mm:ss:SSS [-f true]}: INVOKE_BROKER_TO_RESET_OFFSET
 * (222) on every master of the topic, then the new offset of every queue. {@code -s -1} resets to the end. A broker
 * that answers 206 (no live consumer; Apache's classic reset) gets Apache's old method ({@link ResetOffsetFallback}).
 *
 * <p>Not thread-safe; runs once.
 */
@Command(name = "resetOffsetByTime", mixinStandardHelpOptions = true, description = "Reset consumer offset by "
        + "timestamp(without client restart).")
public final class ResetOffsetByTimeCommand extends AdminCommand {

    @Option(names = {"-g", "--group"}, required = true, description = "Consumer group.")
    String group;

    @Option(names = {"-t", "--topic"}, required = true, description = "Topic.")
    String topic;

    @Option(names = {"-s", "--timestamp"}, required = true,
            description = "now, currentTimeMillis or yyyy-MM-dd#HH:mm:ss:SSS; -1 for the end.")
    String timestamp;

    @Option(names = {"-f", "--force"}, arity = "1", defaultValue = "true", description = "Force (deprecated).")
    boolean force;

    @Option(names = {"-c", "--cplus"}, description = "Reset C++ client offset (deprecated, ignored).")
    boolean cplus;

    @Override
    protected void execute(AdminClient admin, PrintWriter out) throws AdminException {
        long time = timestamp.trim().equals("-1") ? -1 : MessageText.timestamp(timestamp);
        Map<MessageQueueBody, Long> table;
        try {
            table = admin.resetOffsetByTimestamp(topic.trim(), group.trim(), time, force);
        } catch (AdminException e) {
            if (e.code() != ResponseCode.CONSUMER_NOT_ONLINE) {
                throw e;
            }
            ResetOffsetFallback.reset(admin, out, group.trim(), topic.trim(), time, force, timestamp.trim());
            return;
        }
        out.printf("start reset consumer offset by specified, group[%s], topic[%s], force[%s], timestamp(string)[%s], "
                + "timestamp(long)[%s]%n", group.trim(), topic.trim(), force, timestamp.trim(), time);
        out.printf("%-40s  %-40s  %-40s%n", "#brokerName", "#queueId", "#offset");
        QueueRows.sorted(table).forEach((q, offset) -> out.printf("%-40s  %-40d  %-40d%n",
                Formats.cut(q.brokerName, 32), q.queueId, offset));
    }
}
