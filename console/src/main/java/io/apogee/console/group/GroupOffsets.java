package io.apogee.console.group;

import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.ConsumeStats;
import io.apogee.remoting.body.MessageQueueBody;
import io.apogee.remoting.body.OffsetWrapper;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.admin.BrokerLocator;
import io.apogee.tools.message.MessageQueue;
import java.util.Map;

/**
 * Moves a group's committed offsets on one topic: to the first message stored at or after a time, or to the end of
 * every queue ({@link #LATEST}, "skip the backlog"). First as Apache's dashboard does, with
 * INVOKE_BROKER_TO_RESET_OFFSET (222), which also tells live clients; where a broker has no live client of the group
 * (206), queue by queue with SEARCH_OFFSET_BY_TIMESTAMP and UPDATE_CONSUMER_OFFSET, as mqadmin's fallback does.
 * Resets are forced: offsets may move back as well as forward.
 *
 * <p>Stateless apart from the thread-safe {@link AdminClient}.
 */
final class GroupOffsets {

    /** The timestamp meaning "the end of each queue". */
    static final long LATEST = -1;

    private final AdminClient admin;

    GroupOffsets(AdminClient admin) {
        this.admin = admin;
    }

    /** Resets and returns how many queues were moved. */
    int reset(String group, String topic, long timestamp) throws AdminException {
        try {
            return admin.resetOffsetByTimestamp(topic, group, timestamp, true).size();
        } catch (AdminException e) {
            if (e.code() != ResponseCode.CONSUMER_NOT_ONLINE) {
                throw e;
            }
        }
        ConsumeStats stats = admin.consumeStats(group, topic);
        Map<String, String> masters = BrokerLocator.masters(admin.route(topic));
        int moved = 0;
        for (Map.Entry<MessageQueueBody, OffsetWrapper> e : stats.offsetTable.entrySet()) {
            MessageQueue queue = new MessageQueue(topic, e.getKey().brokerName, e.getKey().queueId);
            String addr = masters.get(queue.brokerName());
            if (addr != null && topic.equals(e.getKey().topic)) {
                long offset = timestamp == LATEST ? e.getValue().brokerOffset
                        : admin.messages().searchOffset(addr, queue, timestamp);
                admin.messages().updateConsumerOffset(addr, group, queue, offset);
                moved++;
            }
        }
        return moved;
    }
}
