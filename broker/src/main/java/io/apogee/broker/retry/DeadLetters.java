package io.apogee.broker.retry;

import io.apogee.broker.topic.SystemTopics;
import io.apogee.broker.topic.TopicTable;
import io.apogee.common.message.MessageProperties;
import io.apogee.common.message.PropertyEditor;
import io.apogee.remoting.body.TopicConfig;
import io.apogee.store.MessageDraft;
import io.apogee.store.StoredMessage;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * Copies of failed messages on their way to a group's dead-letter queue {@code %DLQ%<group>}
 * (docs/protocol/10-properties-and-system-topics.md §4): the DLQ topic is created when absent (1 queue, perm 6),
 * the copy goes to queue 0 and carries the provenance a consumer send-back writes: {@code RETRY_TOPIC} (the topic
 * it was consumed from) and {@code ORIGIN_MESSAGE_ID} (the offsetMsgId of the failed record), each only when not
 * set yet, and the 5.x {@code DLQ_ORIGIN_TOPIC} and {@code DLQ_ORIGIN_MESSAGE_ID} (the UNIQ_KEY when present).
 * Leftover {@code DELAY}, {@code REAL_TOPIC} and {@code REAL_QID} are removed, so the copy is stored as is.
 *
 * <p>Stateless; thread-safe as the topic table is.
 */
public final class DeadLetters {

    private static final int PERM_RW = TopicConfig.PERM_READ | TopicConfig.PERM_WRITE;

    private DeadLetters() {
    }

    /** The dead-letter topic of {@code group}. */
    public static String topicOf(String group) {
        return SystemTopics.DLQ_PREFIX + group;
    }

    /**
     * The failed record's properties with the send-back provenance: stale routing keys removed,
     * {@code RETRY_TOPIC} and {@code ORIGIN_MESSAGE_ID} set when absent.
     */
    static PropertyEditor provenance(ByteBuffer record, String originMsgId) {
        return PropertyEditor.of(StoredMessage.properties(record))
                .remove(MessageProperties.DELAY, MessageProperties.REAL_TOPIC, MessageProperties.REAL_QID)
                .setIfAbsent(MessageProperties.RETRY_TOPIC, StoredMessage.topic(record))
                .setIfAbsent(MessageProperties.ORIGIN_MESSAGE_ID, originMsgId);
    }

    /**
     * A copy of the stored {@code record} for {@code group}'s DLQ, with {@code reconsumeTimes}; creates the DLQ
     * topic when absent.
     *
     * @param originMsgId the offsetMsgId of {@code record}
     */
    public static MessageDraft copy(ByteBuffer record, String originMsgId, String group, int reconsumeTimes,
                                    InetSocketAddress storeHost, TopicTable topics) {
        MessageDraft draft = MessageDraft.copyOf(record, storeHost);
        draft.reconsumeTimes = reconsumeTimes;
        redirect(draft, provenance(record, originMsgId), group, topics);
        return draft;
    }

    /** Points {@code draft} at queue 0 of {@code group}'s DLQ (created when absent) with the 5.x provenance. */
    static void redirect(MessageDraft draft, PropertyEditor props, String group, TopicTable topics) {
        String dlq = topicOf(group);
        topics.createIfAbsent(dlq, 1, PERM_RW, 0);
        props.setIfAbsent(MessageProperties.DLQ_ORIGIN_TOPIC, props.get(MessageProperties.RETRY_TOPIC));
        String uniq = props.get(MessageProperties.UNIQ_KEY);
        props.setIfAbsent(MessageProperties.DLQ_ORIGIN_MESSAGE_ID,
                uniq != null ? uniq : props.get(MessageProperties.ORIGIN_MESSAGE_ID));
        draft.topic = dlq;
        draft.queueId = 0;
        draft.setProperties(props.render());
    }
}
