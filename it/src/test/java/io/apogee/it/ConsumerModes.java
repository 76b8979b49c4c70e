package io.apogee.it;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.impl.consumer.ProcessQueue;
import org.apache.rocketmq.common.message.MessageQueue;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;

/**
 * Client-version bridges for push consumers. {@code MessageModel} moved package between 4.9.8
 * ({@code org.apache.rocketmq.common.protocol.heartbeat}) and 5.4.0 ({@code org.apache.rocketmq.remoting.protocol
 * .heartbeat}), so the shared tests set it by name; and the queues a consumer currently owns are read from its
 * rebalance table, which has the same shape in both versions. Stateless, so thread-safe.
 */
final class ConsumerModes {

    private ConsumerModes() {
    }

    /** Switches {@code consumer} to broadcasting before it is started. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static void broadcasting(DefaultMQPushConsumer consumer) throws Exception {
        Method setter = Arrays.stream(DefaultMQPushConsumer.class.getMethods())
                .filter(m -> m.getName().equals("setMessageModel") && m.getParameterCount() == 1)
                .findFirst()
                .orElseThrow(() -> new AssertionError("DefaultMQPushConsumer has no setMessageModel"));
        Class<? extends Enum> modelType = setter.getParameterTypes()[0].asSubclass(Enum.class);
        setter.invoke(consumer, Enum.valueOf(modelType, "BROADCASTING"));
    }

    /** Number of queues of {@code topic} the consumer has been assigned and is pulling from. */
    @SuppressWarnings("deprecation")
    static long ownedQueues(DefaultMQPushConsumer consumer, String topic) {
        Map<MessageQueue, ProcessQueue> table =
                consumer.getDefaultMQPushConsumerImpl().getRebalanceImpl().getProcessQueueTable();
        return table.entrySet().stream()
                .filter(e -> e.getKey().getTopic().equals(topic) && !e.getValue().isDropped())
                .count();
    }
}
