package io.apogee.console.dlq;

import io.apogee.common.message.MessageProperties;
import io.apogee.tools.message.MessageRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a dead letter's copy for its group's retry topic carries: the body (unchanged), and its properties (tags,
 * keys, the user's) without the ones a broker or a parked message's route wrote (store provenance, delays,
 * transactions, the offsets a pull adds); {@code RETRY_TOPIC} set to the topic it was first consumed from, so the
 * consumer's listener sees that topic again; {@code ORIGIN_MESSAGE_ID} kept, or set to the dead letter's msgId.
 *
 * <p>Stateless, hence thread-safe.
 */
public final class RetryCopy {

    private static final Set<String> DROPPED = Set.of(MessageProperties.UNIQ_KEY, "WAIT", MessageProperties.CLUSTER,
            "MIN_OFFSET", "MAX_OFFSET", "MAX_RECONSUME_TIMES", "CONSUME_START_TIME", MessageProperties.REAL_TOPIC,
            MessageProperties.REAL_QID, MessageProperties.DELAY, MessageProperties.TIMER_DELIVER_MS,
            MessageProperties.TIMER_DELAY_SEC, MessageProperties.TIMER_DELAY_MS,
            MessageProperties.TRANSACTION_PREPARED, MessageProperties.PRODUCER_GROUP,
            MessageProperties.TRANSACTION_ID, MessageProperties.TRANSACTION_CHECK_TIMES,
            MessageProperties.CHECK_IMMUNITY_TIME_IN_SECONDS, MessageProperties.DLQ_ORIGIN_TOPIC,
            MessageProperties.DLQ_ORIGIN_MESSAGE_ID, MessageProperties.RETRY_TOPIC);

    private RetryCopy() {
    }

    /**
     * The topic the dead letter was consumed from: its RETRY_TOPIC property, else 5.x's DLQ_ORIGIN_TOPIC, else
     * REAL_TOPIC; empty when it names none (it was sent to the dead-letter topic directly).
     */
    public static Optional<String> originalTopic(MessageRecord deadLetter) {
        for (String name : new String[] {MessageProperties.RETRY_TOPIC, MessageProperties.DLQ_ORIGIN_TOPIC,
                MessageProperties.REAL_TOPIC}) {
            String topic = deadLetter.properties().get(name);
            if (topic != null && !topic.isEmpty() && !topic.startsWith(DlqGroup.PREFIX)) {
                return Optional.of(topic);
            }
        }
        return Optional.empty();
    }

    /** The properties of the copy, in the dead letter's order. */
    public static Map<String, String> properties(MessageRecord deadLetter) {
        Map<String, String> copy = new LinkedHashMap<>();
        deadLetter.properties().forEach((name, value) -> {
            if (!DROPPED.contains(name)) {
                copy.put(name, value);
            }
        });
        originalTopic(deadLetter).ifPresent(topic -> copy.put(MessageProperties.RETRY_TOPIC, topic));
        copy.putIfAbsent(MessageProperties.ORIGIN_MESSAGE_ID, deadLetter.msgId());
        return copy;
    }
}
