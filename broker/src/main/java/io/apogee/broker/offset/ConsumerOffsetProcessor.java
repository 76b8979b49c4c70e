package io.apogee.broker.offset;

import io.apogee.broker.client.ClientTable;
import io.apogee.broker.client.ConsumerGroup;
import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.ResponseCode;
import io.apogee.store.MessageStore;

/**
 * QUERY_CONSUMER_OFFSET (14) and UPDATE_CONSUMER_OFFSET (15).
 *
 * <p>14: headers {@code consumerGroup}, {@code topic}, {@code queueId}; answers SUCCESS with ext {@code offset},
 * or QUERY_NOT_FOUND (22) when the group never committed an offset for the queue, so the client applies its
 * ConsumeFromWhere. One exception, which keeps CONSUME_FROM_LAST_OFFSET honest without losing messages: when
 * the group consumes from the last offset and messages reached the queue after the group subscribed the
 * topic, the answer is the offset of the first such message, so nothing published while the group was
 * listening is skipped (e.g. a consumer started before the producer created the topic). Apache instead
 * answers 0 for any "young" queue, which makes a new group re-read old messages despite
 * CONSUME_FROM_LAST_OFFSET (apache/rocketmq#334, #9083).
 * <p>15: headers {@code consumerGroup}, {@code topic}, {@code queueId}, {@code commitOffset}; usually oneway.
 *
 * <p>Thread-safe: stateless apart from the thread-safe table and store.
 */
public final class ConsumerOffsetProcessor implements RequestProcessor {

    private final ConsumerOffsetTable offsets;
    private final MessageStore store;
    private final ClientTable clients;

    public ConsumerOffsetProcessor(ConsumerOffsetTable offsets, MessageStore store, ClientTable clients) {
        this.offsets = offsets;
        this.store = store;
        this.clients = clients;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        return switch (request.code()) {
            case RequestCode.QUERY_CONSUMER_OFFSET -> query(request);
            case RequestCode.UPDATE_CONSUMER_OFFSET -> update(request);
            default -> RemotingCommand.response(ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    "consumer offset processor cannot handle request code " + request.code());
        };
    }

    private RemotingCommand query(RemotingCommand request) {
        String group = request.requireExt("consumerGroup");
        String topic = request.requireExt("topic");
        int queueId = request.requireExtInt("queueId");
        long offset = offsets.query(group, topic, queueId);
        if (offset < 0) {
            offset = firstPublishedWhileSubscribed(group, topic, queueId);
        }
        if (offset < 0) {
            return RemotingCommand.response(ResponseCode.QUERY_NOT_FOUND,
                    "no committed offset for group " + group + " on " + topic + ":" + queueId);
        }
        return RemotingCommand.success().putExt("offset", offset);
    }

    /** See the class comment; -1 when the rule does not apply. */
    private long firstPublishedWhileSubscribed(String group, String topic, int queueId) {
        ConsumerGroup consumers = clients.consumerGroup(group);
        if (consumers == null || !"CONSUME_FROM_LAST_OFFSET".equals(consumers.consumeFromWhere())) {
            return -1;
        }
        long since = consumers.subscribedSince(topic);
        if (since < 0) {
            return -1;
        }
        long first = store.offsetInQueueByTime(topic, queueId, since);
        return first < store.maxOffsetInQueue(topic, queueId) ? first : -1;
    }

    private RemotingCommand update(RemotingCommand request) {
        String group = request.requireExt("consumerGroup");
        String topic = request.requireExt("topic");
        int queueId = request.requireExtInt("queueId");
        long commitOffset = request.requireExtLong("commitOffset");
        if (queueId < 0 || commitOffset < 0) {
            return request.isOneway() ? null : RemotingCommand.response(ResponseCode.INVALID_PARAMETER,
                    "illegal queueId " + queueId + " or commitOffset " + commitOffset + " for group " + group);
        }
        offsets.commit(group, topic, queueId, commitOffset);
        return request.isOneway() ? null : RemotingCommand.success();
    }
}
