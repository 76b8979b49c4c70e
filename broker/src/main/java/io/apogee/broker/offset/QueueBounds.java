package io.apogee.broker.offset;

import io.apogee.broker.topic.GroupNameRule;
import io.apogee.broker.topic.TopicTable;
import io.apogee.common.text.ClientText;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.TopicConfig;
import io.apogee.store.MessageStore;
import java.util.Optional;

/**
 * Range checks for the consumer-side requests that name a group, a queue or an offset (QUERY / UPDATE_CONSUMER_OFFSET,
 * GET_MAX_OFFSET, GET_MIN_OFFSET, SEARCH_OFFSET_BY_TIMESTAMP, GET_EARLIEST_MSG_STORETIME; also meant for the commit
 * piggy-backed on a pull):
 * <ul>
 *   <li>the group follows the {@link GroupNameRule} (else INVALID_PARAMETER, 29);</li>
 *   <li>the topic exists on this broker (else TOPIC_NOT_EXIST, 17 — Apache's store answers 0 for any unknown
 *       queue, which docs/protocol does not record, so Apogee says what is wrong instead);</li>
 *   <li>the queue is one of the topic's: {@code 0 <= queueId < max(readQueueNums, writeQueueNums)}, every queue
 *       that can hold messages, the bound SEND uses too (else 29);</li>
 *   <li>a committed offset lies in {@code [0, max offset of the queue]} (else 29): the max offset is the next
 *       offset to be written, which a consumer that consumed everything commits itself.</li>
 * </ul>
 * Each refusal is a value ({@link Refusal}) with a remark naming the offending value (client text rendered by
 * {@link ClientText}) and the allowed range.
 *
 * <p>Thread-safe: stateless apart from the thread-safe topic table and store.
 */
public final class QueueBounds {

    /** Why a request was refused; also the key under which dropped oneway requests are logged. */
    public enum Reason { ILLEGAL_GROUP, UNKNOWN_TOPIC, QUEUE_OUT_OF_RANGE, OFFSET_OUT_OF_RANGE }

    /**
     * A refused request.
     *
     * @param code   the response code
     * @param reason what was wrong
     * @param remark the sentence for the response remark and the log
     */
    public record Refusal(int code, Reason reason, String remark) {

        /** The answer to a request that expects one. */
        public RemotingCommand response() {
            return RemotingCommand.response(code, remark);
        }
    }

    private final TopicTable topics;
    private final MessageStore store;

    /** @param topics the broker's topics */
    public QueueBounds(TopicTable topics, MessageStore store) {
        this.topics = topics;
        this.store = store;
    }

    /** Empty when {@code group} is a legal group name. */
    public static Optional<Refusal> checkGroup(String group) {
        return GroupNameRule.check(group)
                .map(problem -> new Refusal(ResponseCode.INVALID_PARAMETER, Reason.ILLEGAL_GROUP, problem));
    }

    /** Empty when {@code queueId} names a queue of {@code topic} on this broker. */
    public Optional<Refusal> checkQueue(String topic, int queueId) {
        if (queueId < 0) {
            return Optional.of(queueOutOfRange(topic, queueId, "is negative"));
        }
        TopicConfig config = topics.find(topic);
        if (config == null) {
            return Optional.of(new Refusal(ResponseCode.TOPIC_NOT_EXIST, Reason.UNKNOWN_TOPIC,
                    "topic " + ClientText.of(topic) + " does not exist on this broker"));
        }
        int queues = Math.max(config.readQueueNums, config.writeQueueNums);
        if (queueId >= queues) {
            return Optional.of(queueOutOfRange(topic, queueId, "is outside 0.." + (queues - 1) + ": the topic has "
                    + queues + " queues on this broker"));
        }
        return Optional.empty();
    }

    /** Empty when {@code offset} may be committed for queue {@code queueId} of {@code topic}. */
    public Optional<Refusal> checkCommit(String topic, int queueId, long offset) {
        Optional<Refusal> badQueue = checkQueue(topic, queueId);
        if (badQueue.isPresent()) {
            return badQueue;
        }
        long max = store.maxOffsetInQueue(topic, queueId);
        if (offset < 0 || offset > max) {
            return Optional.of(new Refusal(ResponseCode.INVALID_PARAMETER, Reason.OFFSET_OUT_OF_RANGE,
                    "commitOffset " + offset + " for " + ClientText.of(topic) + ":" + queueId + " is outside 0.."
                            + max + ", the offsets of the queue (its max offset may be committed)"));
        }
        return Optional.empty();
    }

    private static Refusal queueOutOfRange(String topic, int queueId, String why) {
        return new Refusal(ResponseCode.INVALID_PARAMETER, Reason.QUEUE_OUT_OF_RANGE,
                "queueId " + queueId + " of topic " + ClientText.of(topic) + " " + why);
    }
}
