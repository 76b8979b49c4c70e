package io.apogee.broker.client;

import io.apogee.broker.topic.GroupNameRule;
import io.apogee.common.text.ClientText;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.LockBatchRequestBody;
import io.apogee.remoting.body.LockBatchResponseBody;
import java.util.Optional;

/**
 * LOCK_BATCH_MQ (41): body {@link LockBatchRequestBody}, answer body {@link LockBatchResponseBody} with the
 * queues the requester now holds. UNLOCK_BATCH_MQ (42): same request body, answer SUCCESS without body.
 * {@code onlyThisBroker} is ignored (Apogee has no replicas to coordinate with). A request without
 * {@code clientId} or {@code consumerGroup} answers SYSTEM_ERROR (1); a group that breaks the {@link GroupNameRule}
 * INVALID_PARAMETER (29), locking nothing.
 *
 * <p>Thread-safe: stateless apart from the thread-safe lock table.
 */
public final class QueueLockProcessor implements RequestProcessor {

    private final QueueLockTable locks;

    public QueueLockProcessor(QueueLockTable locks) {
        this.locks = locks;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        LockBatchRequestBody body = JsonCodec.decode(request.body(), LockBatchRequestBody.class);
        if (body.clientId == null || body.clientId.isBlank()
                || body.consumerGroup == null || body.consumerGroup.isBlank()) {
            return RemotingCommand.response(ResponseCode.SYSTEM_ERROR,
                    "lock request without clientId or consumerGroup: clientId='" + ClientText.of(body.clientId)
                    + "', consumerGroup='" + ClientText.of(body.consumerGroup) + "'");
        }
        Optional<String> illegal = GroupNameRule.check(body.consumerGroup);
        if (illegal.isPresent()) {
            return RemotingCommand.response(ResponseCode.INVALID_PARAMETER, illegal.get());
        }
        return switch (request.code()) {
            case RequestCode.LOCK_BATCH_MQ -> {
                LockBatchResponseBody answer = new LockBatchResponseBody();
                answer.lockOKMQSet = locks.tryLock(body.consumerGroup, body.mqSet, body.clientId,
                        System.currentTimeMillis());
                yield RemotingCommand.success().body(JsonCodec.encode(answer));
            }
            case RequestCode.UNLOCK_BATCH_MQ -> {
                locks.unlock(body.consumerGroup, body.mqSet, body.clientId);
                yield RemotingCommand.success();
            }
            default -> RemotingCommand.response(ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    "queue lock processor cannot handle request code " + request.code());
        };
    }
}
