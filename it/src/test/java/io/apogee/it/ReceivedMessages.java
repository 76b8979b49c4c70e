package io.apogee.it;

import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyContext;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.common.message.MessageExt;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A push-consumer listener that records how often each message key and tag was delivered, then acknowledges.
 * Thread-safe: the client calls it from its consume threads while the test reads it; all state lives in
 * concurrent maps.
 */
final class ReceivedMessages implements MessageListenerConcurrently {

    private final Map<String, AtomicInteger> deliveriesByKey = new ConcurrentHashMap<>();
    private final Set<String> tags = ConcurrentHashMap.newKeySet();

    @Override
    public ConsumeConcurrentlyStatus consumeMessage(List<MessageExt> messages, ConsumeConcurrentlyContext context) {
        for (MessageExt message : messages) {
            deliveriesByKey.computeIfAbsent(String.valueOf(message.getKeys()), k -> new AtomicInteger())
                    .incrementAndGet();
            tags.add(String.valueOf(message.getTags()));
        }
        return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
    }

    /** Keys delivered at least once. */
    Set<String> keys() {
        return Set.copyOf(deliveriesByKey.keySet());
    }

    /** Tags seen on delivered messages. */
    Set<String> tags() {
        return Set.copyOf(tags);
    }

    /** Keys delivered more than once, with their delivery counts. */
    Map<String, Integer> duplicates() {
        Map<String, Integer> duplicates = new TreeMap<>();
        deliveriesByKey.forEach((key, count) -> {
            if (count.get() > 1) {
                duplicates.put(key, count.get());
            }
        });
        return duplicates;
    }
}
