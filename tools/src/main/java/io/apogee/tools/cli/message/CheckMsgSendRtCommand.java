package io.apogee.tools.cli.message;

import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.admin.OutgoingMessage;
import io.apogee.tools.admin.TopicSender;
import io.apogee.tools.cli.AdminCommand;
import io.apogee.tools.message.MessageQueue;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code checkMsgSendRT -t T [-a 100] [-s 128]}: sends {@code -a} messages of {@code -s} bytes to the topic's
 * writable queues in turn (SEND_MESSAGE_V2 310), one line per send, then the mean time without the first send.
 *
 * <p>Not thread-safe; runs once.
 */
@Command(name = "checkMsgSendRT", mixinStandardHelpOptions = true, description = "Check message send response "
        + "time.")
public final class CheckMsgSendRtCommand extends AdminCommand {

    private static final String ROW = "%-32s  %-4s  %-20s    %s%n";

    @Option(names = {"-t", "--topic"}, required = true, description = "Topic name.")
    String topic;

    @Option(names = {"-a", "--amount"}, defaultValue = "100", description = "Message amount (default 100).")
    long amount;

    @Option(names = {"-s", "--size"}, defaultValue = "128", description = "Message size in bytes (default 128).")
    int size;

    @Override
    protected void execute(AdminClient admin, PrintWriter out) throws AdminException {
        String name = topic.trim();
        TopicSender sender = new TopicSender(admin, "PID_CHECK_RT_" + System.currentTimeMillis(), name);
        OutgoingMessage message = new OutgoingMessage(name, null, null,
                "a".repeat(Math.max(0, size)).getBytes(StandardCharsets.UTF_8));
        List<MessageQueue> queues = sender.queues();
        out.printf(ROW, "#Broker Name", "#QID", "#Send Result", "#RT");
        long elapsed = 0;
        for (int i = 0; i < amount; i++) {
            MessageQueue queue = queues.get(i % queues.size());
            long start = System.currentTimeMillis();
            boolean ok;
            try {
                sender.send(message, queue);
                ok = true;
            } catch (AdminException e) {
                ok = false;
            }
            long took = System.currentTimeMillis() - start;
            if (i != 0) {
                elapsed += took;
            }
            out.printf(ROW, queue.brokerName(), queue.queueId(), ok, took);
        }
        out.printf("Avg RT: %s%n", String.format("%.2f", amount > 1 ? (double) elapsed / (amount - 1) : 0.0));
    }
}
