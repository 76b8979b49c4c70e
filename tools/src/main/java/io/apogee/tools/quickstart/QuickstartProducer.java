package io.apogee.tools.quickstart;

import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.admin.OutgoingMessage;
import io.apogee.tools.admin.TopicSender;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * What {@code tools.sh org.apache.rocketmq.example.quickstart.Producer} does in Apache's distribution, on
 * Apogee's own client code: {@value #MESSAGE_COUNT} messages {@code "Hello RocketMQ <i>"} with tag {@code TagA} to
 * {@code TopicTest} (created by the broker on first use when {@code autoCreateTopicEnable}), one
 * {@code SendResult [...]} line per message. A failed send is one line on stderr and the loop goes on.
 *
 * <p>Not thread-safe; runs once on the calling thread.
 */
public final class QuickstartProducer {

    public static final String GROUP = "please_rename_unique_group_name";
    public static final String TOPIC = "TopicTest";
    public static final String TAG = "TagA";
    public static final int MESSAGE_COUNT = 1000;

    private QuickstartProducer() {
    }

    /** Sends {@code count} messages; returns how many were stored. */
    public static int run(AdminClient admin, PrintWriter out, PrintWriter err, int count) {
        TopicSender sender;
        try {
            sender = new TopicSender(admin, GROUP, TOPIC);
            for (String addr : sender.brokerAddrs()) {
                admin.messages().heartbeat(addr, ClientIdentity.producer(ClientIdentity.clientId(), GROUP));
            }
        } catch (AdminException e) {
            err.printf("Producer: cannot send to %s: %s%n", TOPIC, e.getMessage());
            err.flush();
            return 0;
        }
        int sent = 0;
        for (int i = 0; i < count; i++) {
            byte[] body = ("Hello RocketMQ " + i).getBytes(StandardCharsets.UTF_8);
            try {
                out.printf("%s%n", sender.send(new OutgoingMessage(TOPIC, TAG, null, body)));
                sent++;
            } catch (AdminException e) {
                err.printf("Producer: message %d not sent: %s%n", i, e.getMessage());
            }
        }
        out.flush();
        err.flush();
        return sent;
    }
}
