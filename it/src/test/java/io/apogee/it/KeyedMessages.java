package io.apogee.it;

import org.apache.rocketmq.common.message.Message;

import java.nio.charset.StandardCharsets;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds test messages whose key identifies them ({@code prefix-i}), so received sets can be compared with sent
 * sets. Stateless.
 */
final class KeyedMessages {

    private KeyedMessages() {
    }

    /** One message with key {@code key}, tag {@code tag} and a small body naming the key. */
    static Message message(String topic, String tag, String key) {
        Message message = new Message(topic, tag, ("body of " + key).getBytes(StandardCharsets.UTF_8));
        message.setKeys(key);
        return message;
    }

    /** {@code count} messages keyed {@code prefix-0 .. prefix-(count-1)}. */
    static List<Message> batch(String topic, String tag, String prefix, int count) {
        List<Message> messages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            messages.add(message(topic, tag, prefix + "-" + i));
        }
        return messages;
    }

    /**
     * Sends {@code count} messages of tag TagA keyed {@code prefix-0 ..} with {@code producer}, asserting SEND_OK for
     * each; the keys.
     */
    static Set<String> sendOk(DefaultMQProducer producer, String topic, String prefix, int count) throws Exception {
        Set<String> keys = new LinkedHashSet<>();
        for (int i = 0; i < count; i++) {
            String key = prefix + "-" + i;
            SendStatus status = producer.send(message(topic, "TagA", key)).getSendStatus();
            if (status != SendStatus.SEND_OK) {
                throw new AssertionError("send of " + key + " answered " + status);
            }
            keys.add(key);
        }
        return keys;
    }

    /** Sends as {@link #sendOk(DefaultMQProducer, String, String, int)} with a producer of its own. */
    static Set<String> sendOk(String namesrvAddress, String topic, String prefix, int count) throws Exception {
        DefaultMQProducer producer = TestClients.startedProducer(namesrvAddress);
        try {
            return sendOk(producer, topic, prefix, count);
        } finally {
            producer.shutdown();
        }
    }

    /** The keys of {@code messages}, in order. */
    static Set<String> keys(List<Message> messages) {
        Set<String> keys = new LinkedHashSet<>();
        messages.forEach(m -> keys.add(m.getKeys()));
        return keys;
    }
}
