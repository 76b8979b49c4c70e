package io.apogee.tools.cli.consumer.monitor;

import io.apogee.remoting.body.ConsumeStats;
import io.apogee.remoting.body.MessageQueueBody;
import io.apogee.remoting.body.OffsetWrapper;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.admin.MessageOperations;
import io.apogee.tools.admin.PullReply;
import io.apogee.tools.cli.QueueRows;
import io.apogee.tools.message.MessageQueue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a group's consume stats (GET_CONSUME_STATS 208, as consumerProgress reads them) into one {@link UndoneMsgs}
 * per topic. The delay of a queue with a backlog needs its newest message: one PULL_MESSAGE (11) of the message
 * before the broker offset, as group {@value MessageOperations#TOOLS_CONSUMER_GROUP}, on the master of the queue's
 * broker (a queue whose broker is not in {@code masters}, or whose group consumed nothing yet, counts delay 0).
 *
 * <p>Not thread-safe; one per round.
 */
final class UndoneMsgsTally {

    private final AdminClient admin;
    private final Map<String, String> masters;

    /** {@code masters}: broker name → master address. */
    UndoneMsgsTally(AdminClient admin, Map<String, String> masters) {
        this.admin = admin;
        this.masters = masters;
    }

    /** The undone messages of {@code group}, one per topic of {@code stats}, sorted by topic. */
    List<UndoneMsgs> of(String group, ConsumeStats stats) throws AdminException {
        Map<String, Map<MessageQueueBody, OffsetWrapper>> byTopic = new TreeMap<>();
        QueueRows.sorted(stats.offsetTable).forEach((queue, offsets) ->
                byTopic.computeIfAbsent(queue.topic, t -> new LinkedHashMap<>()).put(queue, offsets));
        List<UndoneMsgs> undone = new ArrayList<>();
        for (Map.Entry<String, Map<MessageQueueBody, OffsetWrapper>> topic : byTopic.entrySet()) {
            undone.add(ofTopic(group, topic.getKey(), topic.getValue()));
        }
        return undone;
    }

    private UndoneMsgs ofTopic(String group, String topic, Map<MessageQueueBody, OffsetWrapper> queues)
            throws AdminException {
        long total = 0;
        long singleMax = 0;
        long delayMax = 0;
        for (Map.Entry<MessageQueueBody, OffsetWrapper> queue : queues.entrySet()) {
            OffsetWrapper offsets = queue.getValue();
            long diff = offsets.brokerOffset - offsets.consumerOffset;
            singleMax = Math.max(singleMax, diff);
            if (diff > 0) {
                total += diff;
                delayMax = Math.max(delayMax, delayMillis(queue.getKey(), offsets));
            }
        }
        return new UndoneMsgs(group, topic, total, singleMax, delayMax);
    }

    /** Store time of the queue's newest message − store time of the last consumed one; 0 when unknown. */
    private long delayMillis(MessageQueueBody queue, OffsetWrapper offsets) throws AdminException {
        String addr = masters.get(queue.brokerName);
        if (addr == null || offsets.lastTimestamp <= 0 || offsets.brokerOffset <= 0) {
            return 0;
        }
        MessageQueue mq = new MessageQueue(queue.topic, queue.brokerName, queue.queueId);
        PullReply newest = admin.messages().pull(addr, MessageOperations.TOOLS_CONSUMER_GROUP, mq, "*",
                offsets.brokerOffset - 1, 1);
        return newest.records().isEmpty() ? 0 : newest.records().get(0).storeTimestamp() - offsets.lastTimestamp;
    }
}
