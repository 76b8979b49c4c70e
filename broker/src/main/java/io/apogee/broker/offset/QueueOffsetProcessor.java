package io.apogee.broker.offset;

import io.apogee.broker.offset.QueueBounds.Refusal;
import io.apogee.broker.topic.TopicTable;
import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.ResponseCode;
import io.apogee.store.MessageStore;
import java.util.Optional;

/**
 * Queue position look-ups, all with headers {@code topic} and {@code queueId}:
 * GET_MAX_OFFSET (30) and GET_MIN_OFFSET (31) answer ext {@code offset}; SEARCH_OFFSET_BY_TIMESTAMP (29)
 * takes {@code timestamp} (ms) and answers {@code offset} (the 5.4.0 {@code boundaryType} is ignored: the
 * store's lower-boundary search is used); GET_EARLIEST_MSG_STORETIME (32) answers {@code timestamp}.
 * An unknown topic answers TOPIC_NOT_EXIST (17), a queue id outside the topic's queues INVALID_PARAMETER (29),
 * each with a remark naming the value ({@link QueueBounds}).
 *
 * <p>Thread-safe: stateless apart from the thread-safe store and topic table.
 */
public final class QueueOffsetProcessor implements RequestProcessor {

    private final MessageStore store;
    private final QueueBounds bounds;

    /** @param topics the broker's topics, for the topic and queue-id checks */
    public QueueOffsetProcessor(MessageStore store, TopicTable topics) {
        this.store = store;
        this.bounds = new QueueBounds(topics, store);
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        String topic = request.requireExt("topic");
        int queueId = request.requireExtInt("queueId");
        Optional<Refusal> refused = bounds.checkQueue(topic, queueId);
        if (refused.isPresent()) {
            return refused.get().response();
        }
        return switch (request.code()) {
            case RequestCode.GET_MAX_OFFSET -> offset(store.maxOffsetInQueue(topic, queueId));
            case RequestCode.GET_MIN_OFFSET -> offset(store.minOffsetInQueue(topic, queueId));
            case RequestCode.SEARCH_OFFSET_BY_TIMESTAMP ->
                    offset(store.offsetInQueueByTime(topic, queueId, request.requireExtLong("timestamp")));
            case RequestCode.GET_EARLIEST_MSG_STORETIME ->
                    RemotingCommand.success().putExt("timestamp", store.earliestMessageTime(topic, queueId));
            default -> RemotingCommand.response(ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    "queue offset processor cannot handle request code " + request.code());
        };
    }

    private static RemotingCommand offset(long offset) {
        return RemotingCommand.success().putExt("offset", offset);
    }
}
