package io.apogee.tools.cli.broker;

import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.admin.OutgoingMessage;
import io.apogee.tools.admin.SendReceipt;
import io.apogee.tools.admin.TopicSender;
import io.apogee.tools.cli.AdminCommand;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sendMsgStatus -b BROKER_NAME [-s 128] [-c 50]}: one warm-up message of 16 bytes, then {@code -c} messages
 * of {@code -s} bytes to the topic named after the broker (SEND_MESSAGE_V2 310), printing
 * {@code rt=Nms, SendResult=...} per message.
 *
 * <p>Not thread-safe; runs once.
 */
@Command(name = "sendMsgStatus", mixinStandardHelpOptions = true, description = "Send msg to broker.")
public final class SendMsgStatusCommand extends AdminCommand {

    @Option(names = {"-b", "--brokerName"}, required = true, description = "Broker name, eg: broker-a.")
    String brokerName;

    @Option(names = {"-s", "--messageSize"}, defaultValue = "128", description = "Message size (default 128).")
    int messageSize;

    @Option(names = {"-c", "--count"}, defaultValue = "50", description = "Message count (default 50).")
    int count;

    @Override
    protected void execute(AdminClient admin, PrintWriter out) throws AdminException {
        String topic = brokerName.trim();
        TopicSender sender = new TopicSender(admin, "PID_SMSC", topic);
        sender.send(message(topic, 16));
        for (int i = 0; i < count; i++) {
            long begin = System.currentTimeMillis();
            SendReceipt receipt = sender.send(message(topic, messageSize));
            out.printf("rt=%sms, SendResult=%s%n", System.currentTimeMillis() - begin, receipt);
        }
    }

    private static OutgoingMessage message(String topic, int size) {
        return new OutgoingMessage(topic, null, null, "a".repeat(Math.max(0, size)).getBytes(StandardCharsets.UTF_8));
    }
}
