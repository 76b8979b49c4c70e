package io.apogee.broker.transaction;


import io.apogee.common.message.MessageProperties;
import io.apogee.common.message.PropertyEditor;
import io.apogee.common.text.ClientText;
import io.apogee.store.MessageDraft;
import io.apogee.store.StoredMessage;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * One stored record of {@code RMQ_SYS_TRANS_HALF_TOPIC} with its transaction properties parsed, and the copies
 * the broker makes of it: the committed message for the real topic, the re-appended half for the next check,
 * the discarded copy for {@code TRANS_CHECK_MAX_TIME_TOPIC}.
 *
 * <p>Not thread-safe: it wraps the record buffer (read from its position) and is confined to the thread that
 * read it; the buffer must stay valid while the instance is used.
 */
final class HalfMessage {

    private final ByteBuffer record;
    private final PropertyEditor props;
    private final String realTopic;
    private final int realQueueId;

    private HalfMessage(ByteBuffer record) {
        this.record = record;
        this.props = PropertyEditor.of(StoredMessage.properties(record));
        this.realTopic = props.get(MessageProperties.REAL_TOPIC);
        this.realQueueId = parseInt(props.get(MessageProperties.REAL_QID), -1);
    }

    static HalfMessage of(ByteBuffer record) {
        return new HalfMessage(record);
    }

    ByteBuffer record() {
        return record;
    }

    String storedTopic() {
        return StoredMessage.topic(record);
    }

    long halfOffset() {
        return StoredMessage.queueOffset(record);
    }

    long commitLogOffset() {
        return StoredMessage.physicalOffset(record);
    }

    long storeTimestamp() {
        return StoredMessage.storeTimestamp(record);
    }

    /** The transaction id: UNIQ_KEY, else {@code __transactionId__}, else the commit-log offset as text. */
    String transactionId() {
        String id = props.get(MessageProperties.UNIQ_KEY);
        if (id == null) {
            id = props.get(MessageProperties.TRANSACTION_ID);
        }
        return id != null ? id : "@" + commitLogOffset();
    }

    /** The {@code __transactionId__} property, or null. */
    String explicitTransactionId() {
        return props.get(MessageProperties.TRANSACTION_ID);
    }

    String producerGroup() {
        return props.get(MessageProperties.PRODUCER_GROUP);
    }

    /** Null when the record names no usable real topic/queue (such a half can never be committed). */
    String realTopic() {
        return realQueueId < 0 ? null : realTopic;
    }

    int realQueueId() {
        return realQueueId;
    }

    int checkTimes() {
        return parseInt(props.get(MessageProperties.TRANSACTION_CHECK_TIMES), 0);
    }

    /** The per-message first-check delay in ms, 0 when absent or malformed. */
    long immunityMillis() {
        return Math.max(0, parseInt(props.get(MessageProperties.CHECK_IMMUNITY_TIME_IN_SECONDS), 0)) * 1000L;
    }

    /**
     * Why this record is not the half message an END_TRANSACTION names, or null when it is: it must be in the
     * half topic, carry {@code PGROUP == producerGroup} and sit at half-queue offset {@code tranStateTableOffset}.
     */
    String mismatch(String producerGroup, long tranStateTableOffset) {
        if (!HalfParking.TOPIC.equals(storedTopic())) {
            return "the message at commit-log offset " + commitLogOffset() + " is in topic " + storedTopic()
                    + ", not a half message of " + HalfParking.TOPIC;
        }
        if (!producerGroup.equals(producerGroup())) {
            return "the half message at commit-log offset " + commitLogOffset() + " belongs to producer group "
                    + ClientText.of(producerGroup()) + ", not " + ClientText.of(producerGroup);
        }
        if (halfOffset() != tranStateTableOffset) {
            return "the half message at commit-log offset " + commitLogOffset() + " has half-queue offset "
                    + halfOffset() + ", not tranStateTableOffset " + tranStateTableOffset;
        }
        if (realTopic() == null) {
            return "the half message at commit-log offset " + commitLogOffset() + " has no usable REAL_TOPIC/REAL_QID ("
                    + ClientText.of(realTopic) + " / " + ClientText.of(props.get(MessageProperties.REAL_QID)) + ")";
        }
        return null;
    }

    /** The committed message: real topic and queue, transaction properties removed, sysFlag type commit. */
    MessageDraft committed(InetSocketAddress storeHost) {
        MessageDraft d = MessageDraft.copyOf(record, storeHost);
        PropertyEditor out = PropertyEditor.of(StoredMessage.properties(record))
                .remove(MessageProperties.REAL_TOPIC, MessageProperties.REAL_QID,
                        MessageProperties.TRANSACTION_PREPARED, MessageProperties.TRANSACTION_CHECK_TIMES);
        d.topic = realTopic;
        d.queueId = realQueueId;
        d.sysFlag = TransactionKeys.withType(d.sysFlag, TransactionKeys.COMMIT_TYPE);
        d.preparedTransactionOffset = commitLogOffset();
        d.setProperties(out.render());
        return d;
    }

    /** A copy for the end of the half queue with {@code TRANSACTION_CHECK_TIMES} = {@code checkTimes}. */
    MessageDraft reappended(InetSocketAddress storeHost, int checkTimes) {
        MessageDraft d = MessageDraft.copyOf(record, storeHost);
        PropertyEditor out = PropertyEditor.of(StoredMessage.properties(record))
                .set(MessageProperties.TRANSACTION_CHECK_TIMES, Integer.toString(checkTimes));
        d.setProperties(out.render());
        return d;
    }

    /** An unchanged copy for {@code topic} queue 0 (discarded halves). */
    MessageDraft copyTo(String topic, InetSocketAddress storeHost) {
        MessageDraft d = MessageDraft.copyOf(record, storeHost);
        d.topic = topic;
        d.queueId = 0;
        return d;
    }

    private static int parseInt(String s, int fallback) {
        if (s == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
