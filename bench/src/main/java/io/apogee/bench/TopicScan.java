package io.apogee.bench;

import java.util.function.Consumer;
import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.client.consumer.PullResult;
import org.apache.rocketmq.client.consumer.PullStatus;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * Reads every message a broker holds for a topic: each queue of the topic's route, from its min to its max
 * offset, with an Apache pull consumer (what the broker's queues hold, independent of any group's progress).
 * A pull below the max offset that finds nothing skips to the next offset the broker names; the offsets skipped
 * that way are counted as unreadable (queue entries without a readable message).
 *
 * <p>Not thread-safe: one scan at a time, on the caller's thread.
 */
@SuppressWarnings("deprecation") // the Apache client deprecates its pull consumer; it is the plain way to read
final class TopicScan implements AutoCloseable {

    private static final int BATCH = 256;

    private final DefaultMQPullConsumer consumer;

    private TopicScan(DefaultMQPullConsumer consumer) {
        this.consumer = consumer;
    }

    /** Starts a pull consumer in a fresh group against {@code namesrv}. */
    static TopicScan open(String namesrv) throws MQClientException {
        String run = "soak_verify_" + System.currentTimeMillis();
        DefaultMQPullConsumer consumer = new DefaultMQPullConsumer(run);
        consumer.setNamesrvAddr(namesrv);
        consumer.setVipChannelEnabled(false);
        consumer.setInstanceName(run);
        consumer.start();
        return new TopicScan(consumer);
    }

    /** Hands every message of {@code topic} to {@code sink}; returns the number of unreadable offsets. */
    long read(String topic, Consumer<MessageExt> sink) throws Exception {
        long unreadable = 0;
        for (MessageQueue queue : consumer.fetchSubscribeMessageQueues(topic)) {
            long offset = consumer.minOffset(queue);
            long max = consumer.maxOffset(queue);
            while (offset < max) {
                PullResult result = consumer.pull(queue, "*", offset, BATCH);
                long next = result.getNextBeginOffset();
                if (result.getPullStatus() == PullStatus.FOUND && next > offset) {
                    result.getMsgFoundList().forEach(sink);
                } else if (result.getPullStatus() == PullStatus.FOUND) {
                    throw new IllegalStateException("pull of " + queue + " at " + offset + " found messages but "
                            + "named " + next + " as the next offset");
                } else if (next > offset) {
                    unreadable += Math.min(next, max) - offset;
                } else {
                    unreadable += max - offset;
                    break;
                }
                offset = next;
            }
        }
        return unreadable;
    }

    @Override
    public void close() {
        consumer.shutdown();
    }
}
