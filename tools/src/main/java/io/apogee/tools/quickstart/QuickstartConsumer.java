package io.apogee.tools.quickstart;

import io.apogee.remoting.body.HeartbeatData;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.admin.BrokerLocator;
import io.apogee.tools.admin.PullReply;
import io.apogee.tools.cli.message.MessageText;
import io.apogee.tools.message.MessageQueue;
import io.apogee.tools.message.MessageRecord;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * What {@code tools.sh org.apache.rocketmq.example.quickstart.Consumer} does in Apache's distribution, on Apogee's
 * own client code: group {@value #GROUP} reads every queue of {@code TopicTest} from its committed offset (from the
 * first message when it has none), printing {@code <thread> Receive New Messages: [MessageExt [...]]} per message
 * (Apache's example consumes one at a time) and committing the offset after each batch (QUERY_CONSUMER_OFFSET 14,
 * PULL_MESSAGE 11, UPDATE_CONSUMER_OFFSET 15).
 * It heartbeats (34) the group as a push consumer every 20 s, so consumerProgress / consumerConnection show it.
 * It polls once a second while there is nothing new, until {@code idleExitMillis} of idleness (0: forever, as
 * Apache's example).
 *
 * <p>Not thread-safe; runs on the calling thread.
 */
public final class QuickstartConsumer {

    public static final String GROUP = "please_rename_unique_group_name_4";
    private static final long POLL_MILLIS = 1000;
    private static final long HEARTBEAT_MILLIS = 20_000;

    private QuickstartConsumer() {
    }

    /** Consumes until idle for {@code idleExitMillis} (0: forever); returns how many messages it printed. */
    public static long run(AdminClient admin, PrintWriter out, PrintWriter err, long idleExitMillis)
            throws InterruptedException {
        out.printf("Consumer Started.%n");
        out.flush();
        HeartbeatData heartbeat = ClientIdentity.consumer(ClientIdentity.clientId(), GROUP, QuickstartProducer.TOPIC);
        long received = 0;
        long idleSince = System.currentTimeMillis();
        long lastHeartbeat = 0;
        while (!Thread.currentThread().isInterrupted()) {
            long round = 0;
            try {
                if (System.currentTimeMillis() - lastHeartbeat >= HEARTBEAT_MILLIS) {
                    heartbeatAll(admin, heartbeat);
                    lastHeartbeat = System.currentTimeMillis();
                }
                round = oneRound(admin, out);
            } catch (AdminException e) {
                err.printf("Consumer: %s%n", e.getMessage());
                err.flush();
            }
            received += round;
            long now = System.currentTimeMillis();
            if (round > 0) {
                idleSince = now;
            } else if (idleExitMillis > 0 && now - idleSince >= idleExitMillis) {
                return received;
            } else {
                Thread.sleep(POLL_MILLIS);
            }
        }
        return received;
    }

    private static void heartbeatAll(AdminClient admin, HeartbeatData heartbeat) throws AdminException {
        for (String addr : BrokerLocator.masters(admin.route(QuickstartProducer.TOPIC)).values()) {
            admin.messages().heartbeat(addr, heartbeat);
        }
    }

    private static long oneRound(AdminClient admin, PrintWriter out) throws AdminException {
        String topic = QuickstartProducer.TOPIC;
        Map<String, String> masters = BrokerLocator.masters(admin.route(topic));
        long count = 0;
        for (MessageQueue queue : BrokerLocator.readQueues(topic, admin.route(topic))) {
            String addr = masters.get(queue.brokerName());
            long offset = admin.messages().consumerOffset(addr, GROUP, queue);
            if (offset < 0) {
                offset = admin.messages().minOffset(addr, queue);
            }
            PullReply reply = admin.messages().pull(addr, GROUP, queue, "*", offset, 32);
            List<MessageRecord> records = reply.records();
            for (MessageRecord r : records) {
                out.printf("%s Receive New Messages: [%s] %n", "ConsumeMessageThread_" + GROUP + "_1",
                        MessageText.clientText(r, queue.brokerName()));
                count++;
            }
            if (reply.nextBeginOffset() != offset) {
                admin.messages().updateConsumerOffset(addr, GROUP, queue, reply.nextBeginOffset());
            }
        }
        out.flush();
        return count;
    }
}
