package io.apogee.it;

import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.client.consumer.PullResult;
import org.apache.rocketmq.client.consumer.PullStatus;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads every message of a topic, queue by queue from the minimum to the maximum offset, with a pull consumer.
 * Used to check what the broker holds independently of push-consumer offsets. Not thread-safe.
 */
final class TopicReader {

    private static final int BATCH = 32;

    private TopicReader() {
    }

    /** All messages of {@code topic} by key (the last one wins if a key repeats). */
    @SuppressWarnings("deprecation")
    static Map<String, MessageExt> readAll(DefaultMQPullConsumer consumer, String topic) throws Exception {
        Map<String, MessageExt> byKey = new LinkedHashMap<>();
        for (MessageQueue queue : consumer.fetchSubscribeMessageQueues(topic)) {
            long offset = consumer.minOffset(queue);
            long max = consumer.maxOffset(queue);
            while (offset < max) {
                PullResult result = consumer.pull(queue, "*", offset, BATCH);
                if (result.getPullStatus() != PullStatus.FOUND) {
                    throw new AssertionError("pull of " + queue + " at " + offset + " below max " + max
                            + " returned " + result.getPullStatus());
                }
                result.getMsgFoundList().forEach(m -> byKey.put(m.getKeys(), m));
                offset = result.getNextBeginOffset();
            }
        }
        return byKey;
    }
}
