package io.apogee.broker.transaction;

import io.apogee.common.message.MessageProperties;
import io.apogee.common.message.PropertyEditor;
import io.apogee.broker.topic.SystemTopics;

/**
 * Rewrites the properties of a half message for parking in {@code RMQ_SYS_TRANS_HALF_TOPIC} queue 0
 * (docs/protocol/10-properties-and-system-topics.md §5): adds {@code REAL_TOPIC}, {@code REAL_QID}, {@code PGROUP}
 * (the sending producer group, when the client did not set it) and {@code __transactionId__} (= UNIQ_KEY, when
 * present). The caller stores the message with its sysFlag transaction type reset to 0 so that the store treats it
 * as an ordinary record of the half topic.
 *
 * <p>Stateless, hence thread-safe.
 */
public final class HalfParking {

    /** The topic half messages are parked in. */
    public static final String TOPIC = SystemTopics.TRANS_HALF;
    /** The only queue of the half topic. */
    public static final int QUEUE_ID = 0;

    private HalfParking() {
    }

    /** The parked properties of a half message sent to {@code topic}/{@code queueId} by {@code producerGroup}. */
    public static String park(String props, String topic, int queueId, String producerGroup) {
        PropertyEditor editor = PropertyEditor.of(props)
                .set(MessageProperties.REAL_TOPIC, topic)
                .set(MessageProperties.REAL_QID, Integer.toString(queueId));
        if (producerGroup != null && !producerGroup.isEmpty()) {
            editor.setIfAbsent(MessageProperties.PRODUCER_GROUP, producerGroup);
        }
        String uniqKey = editor.get(MessageProperties.UNIQ_KEY);
        if (uniqKey != null) {
            editor.setIfAbsent(MessageProperties.TRANSACTION_ID, uniqKey);
        }
        return editor.render();
    }
}
