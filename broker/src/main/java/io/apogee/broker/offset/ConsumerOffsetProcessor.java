package io.apogee.broker.offset;

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
 * or QUERY_NOT_FOUND (22) when the group never committed an offset for the queue — except for a "young"
 * queue (min offset 0 and at least one message), which, like Apache, answers offset 0 so a brand-new group
 * reads a young topic from its start (Apache additionally requires the first message to be in page cache;
 * Apogee does not check that).
 * <p>15: headers {@code consumerGroup}, {@code topic}, {@code queueId}, {@code commitOffset}; usually oneway.
 *
 * <p>Thread-safe: stateless apart from the thread-safe table and store.
 */
public final class ConsumerOffsetProcessor implements RequestProcessor {

    private final ConsumerOffsetTable offsets;
    private final MessageStore store;

    public ConsumerOffsetProcessor(ConsumerOffsetTable offsets, MessageStore store) {
        this.offsets = offsets;
        this.store = store;
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
        if (offset < 0 && isYoungQueue(topic, queueId)) {
            offset = 0;
        }
        if (offset < 0) {
            return RemotingCommand.response(ResponseCode.QUERY_NOT_FOUND,
                    "no committed offset for group " + group + " on " + topic + ":" + queueId);
        }
        return RemotingCommand.success().putExt("offset", offset);
    }

    private boolean isYoungQueue(String topic, int queueId) {
        return store.minOffsetInQueue(topic, queueId) == 0 && store.maxOffsetInQueue(topic, queueId) > 0;
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
