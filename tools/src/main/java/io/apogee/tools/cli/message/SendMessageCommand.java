package io.apogee.tools.cli.message;

import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.admin.OutgoingMessage;
import io.apogee.tools.admin.SendReceipt;
import io.apogee.tools.admin.TopicSender;
import io.apogee.tools.cli.AdminCommand;
import io.apogee.tools.cli.CommandFailure;
import io.apogee.tools.message.MessageQueue;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sendMessage -t T -p BODY [-k KEYS] [-c TAG] [-b BROKER_NAME -i QUEUE_ID]}: one SEND_MESSAGE_V2 (310) to the
 * next writable queue of the topic, or to the given queue, printing Apache's one-line result table.
 *
 * <p>Not thread-safe; runs once.
 */
@Command(name = "sendMessage", mixinStandardHelpOptions = true, description = "Send a message.")
public final class SendMessageCommand extends AdminCommand {

    private static final String ROW = "%-32s  %-4s  %-20s    %s%n";

    @Option(names = {"-t", "--topic"}, required = true, description = "Topic name.")
    String topic;

    @Option(names = {"-p", "--body"}, required = true, description = "UTF-8 string format of the message body.")
    String body;

    @Option(names = {"-k", "--key"}, description = "Message keys.")
    String keys;

    @Option(names = {"-c", "--tags"}, description = "Message tags.")
    String tags;

    @Option(names = {"-b", "--broker"}, description = "Send message to target broker.")
    String brokerName;

    @Option(names = {"-i", "--qid"}, description = "Send message to target queue.")
    Integer queueId;

    @Option(names = {"-m", "--msgTraceEnable"}, arity = "1", defaultValue = "false",
            description = "Message trace (accepted, not used).")
    boolean msgTraceEnable;

    @Override
    protected void execute(AdminClient admin, PrintWriter out) throws AdminException {
        if (queueId != null && brokerName == null) {
            throw new CommandFailure("Broker name must be set if the queue is chosen!");
        }
        String name = topic.trim();
        OutgoingMessage message = new OutgoingMessage(name, trimmed(tags), trimmed(keys),
                body.trim().getBytes(StandardCharsets.UTF_8));
        TopicSender sender = new TopicSender(admin, "PID_SEND_MESSAGE_TOOL", name);
        SendReceipt receipt = brokerName != null && queueId != null
                ? sender.send(message, new MessageQueue(name, brokerName.trim(), queueId))
                : sender.send(message);
        out.printf(ROW, "#Broker Name", "#QID", "#Send Result", "#MsgId");
        out.printf(ROW, receipt.queue().brokerName(), receipt.queue().queueId(), receipt.status(), receipt.msgId());
    }

    private static String trimmed(String value) {
        return value == null ? null : value.trim();
    }
}
