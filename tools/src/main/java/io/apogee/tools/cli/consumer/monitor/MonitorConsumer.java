package io.apogee.tools.cli.consumer.monitor;

import io.apogee.remoting.body.HeartbeatData;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.admin.PullReply;
import io.apogee.tools.message.MessageQueue;
import io.apogee.tools.message.MessageRecord;
import java.util.HashMap;
import java.util.Map;

/**
 * The monitor's own consumer, as Apache's MonitorService runs it: push consumer group {@value #GROUP}, subscribed
 * to {@value #TOPIC} with {@code *}, heartbeated (34) to every master so the brokers list it; it reads the events
 * from the group's committed offset (14; a new group starts after the last stored event, as a push consumer does),
 * pulling (11) and committing (15) as the quick-start consumer does, one {@code reportDeleteMsgsEvent} line each.
 * The topic's queues on a master are its read queues (GET_TOPIC_CONFIG 351), or one queue (what brokers create)
 * when the broker does not tell. A broker that fails is one line on stderr, then skipped until the next call.
 *
 * <p>Not thread-safe; used by the monitor's single thread.
 */
final class MonitorConsumer {

    static final String GROUP = "__MONITOR_CONSUMER";
    static final String TOPIC = "OFFSET_MOVED_EVENT";
    private static final int PULL_BATCH = 32;

    private final AdminClient admin;
    private final MonitorOutput output;
    private final HeartbeatData heartbeat;
    /** Broker address → read queues of {@value #TOPIC}, once the broker answered. */
    private final Map<String, Integer> queueCounts = new HashMap<>();

    MonitorConsumer(AdminClient admin, MonitorOutput output) {
        this.admin = admin;
        this.output = output;
        this.heartbeat = ClientHeartbeats.pushConsumer(ClientHeartbeats.clientId(), GROUP, TOPIC,
                ClientHeartbeats.FROM_LAST_OFFSET);
    }

    /** HEART_BEAT (34) to every master of {@code masters} (broker name → address). */
    void heartbeat(Map<String, String> masters) {
        for (Map.Entry<String, String> master : masters.entrySet()) {
            try {
                admin.messages().heartbeat(master.getValue(), heartbeat);
            } catch (AdminException e) {
                output.error("heartbeat to " + master.getKey() + " (" + master.getValue() + "): " + e.getMessage());
            }
        }
    }

    /** Prints and commits the new events of every master of {@code masters} (broker name → address). */
    void readEvents(Map<String, String> masters) {
        for (Map.Entry<String, String> master : masters.entrySet()) {
            try {
                int queues = queueCount(master.getValue());
                for (int id = 0; id < queues; id++) {
                    readQueue(master.getValue(), new MessageQueue(TOPIC, master.getKey(), id));
                }
            } catch (AdminException e) {
                output.error("reading " + TOPIC + " of " + master.getKey() + ": " + e.getMessage());
            }
        }
    }

    private int queueCount(String addr) {
        Integer known = queueCounts.get(addr);
        if (known != null) {
            return known;
        }
        try {
            int count = admin.topicConfig(addr, TOPIC).readQueueNums;
            queueCounts.put(addr, count);
            return count;
        } catch (AdminException e) {
            if (e.code() >= 0) {
                queueCounts.put(addr, 1);
            }
            return 1;
        }
    }

    private void readQueue(String addr, MessageQueue queue) throws AdminException {
        long offset = admin.messages().consumerOffset(addr, GROUP, queue);
        if (offset < 0) {
            offset = admin.messages().maxOffset(addr, queue);
            admin.messages().updateConsumerOffset(addr, GROUP, queue, offset);
        }
        PullReply reply = admin.messages().pull(addr, GROUP, queue, "*", offset, PULL_BATCH);
        for (MessageRecord record : reply.records()) {
            print(record);
        }
        if (reply.nextBeginOffset() != offset) {
            admin.messages().updateConsumerOffset(addr, GROUP, queue, reply.nextBeginOffset());
        }
    }

    private void print(MessageRecord record) {
        try {
            output.line(OffsetMovedEvent.line(record.body(), record.storeTimestamp()));
        } catch (IllegalArgumentException e) {
            output.error("skipped " + TOPIC + " message " + record.msgId() + ": " + e.getMessage());
        }
    }
}
