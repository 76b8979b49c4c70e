package io.apogee.broker.send;

import io.apogee.common.io.MetadataWriteException;
import io.apogee.common.message.OffsetMsgId;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.ResponseCode;
import io.apogee.store.PutResult;


/**
 * Turns a store result into the SEND response. PUT_OK → 0, FLUSH_DISK_TIMEOUT → 10, FLUSH_SLAVE_TIMEOUT → 12 and
 * SLAVE_NOT_AVAILABLE → 11 (stored on the master; the client reports the status), all with ext fields
 * {@code msgId} (offsetMsgId; comma-joined for a batch), {@code queueId}, {@code queueOffset} (first message),
 * {@code transactionId} (UNIQ_KEY), {@code MSG_REGION} (the broker's {@code regionId}), {@code TRACE_ON}
 * ({@code traceOn}), which the clients read unconditionally for these codes, and for a timer message
 * {@code recallHandle} (see {@code RecallHandle}). MESSAGE_ILLEGAL /
 * PROPERTIES_SIZE_EXCEEDED → 13, SERVICE_NOT_AVAILABLE → 14, anything else → 1; those carry the store's reason as
 * remark.
 *
 * <p>Immutable, hence thread-safe.
 */
final class SendResponses {

    private final OffsetMsgId offsetMsgId;
    private final String region;
    private final String traceOn;

    SendResponses(OffsetMsgId offsetMsgId, String region, boolean traceOn) {
        this.offsetMsgId = offsetMsgId;
        this.region = region;
        this.traceOn = String.valueOf(traceOn);
    }

    RemotingCommand of(PutResult result, Throwable error, int queueId, String transactionId, boolean batch,
                       String recallHandle) {
        RemotingCommand response = of(result, error, queueId, transactionId, batch);
        return recallHandle != null && response.code() == ResponseCode.SUCCESS
                ? response.putExt("recallHandle", recallHandle) : response;
    }

    RemotingCommand of(PutResult result, Throwable error, int queueId, String transactionId, boolean batch) {
        if (error != null) {
            return RemotingCommand.response(ResponseCode.SYSTEM_ERROR, "storing the message failed: " + error);
        }
        return switch (result.status()) {
            case PUT_OK -> stored(ResponseCode.SUCCESS, null, result, queueId, transactionId, batch);
            case FLUSH_DISK_TIMEOUT -> stored(ResponseCode.FLUSH_DISK_TIMEOUT, result.reason(), result, queueId,
                    transactionId, batch);
            case FLUSH_SLAVE_TIMEOUT -> stored(ResponseCode.FLUSH_SLAVE_TIMEOUT, result.reason(), result, queueId,
                    transactionId, batch);
            case SLAVE_NOT_AVAILABLE -> stored(ResponseCode.SLAVE_NOT_AVAILABLE, result.reason(), result, queueId,
                    transactionId, batch);
            case MESSAGE_ILLEGAL, PROPERTIES_SIZE_EXCEEDED ->
                    RemotingCommand.response(ResponseCode.MESSAGE_ILLEGAL, result.reason());
            case SERVICE_NOT_AVAILABLE -> RemotingCommand.response(ResponseCode.SERVICE_NOT_AVAILABLE, result.reason());
            default -> RemotingCommand.response(ResponseCode.SYSTEM_ERROR, result.reason());
        };
    }

    /** The answer when the message's topic could not be written to the broker's metadata (nothing was stored). */
    RemotingCommand topicNotStored(String topic, Throwable error) {
        return RemotingCommand.response(ResponseCode.SYSTEM_ERROR, "topic " + topic
                + " could not be stored, so the message was not: " + MetadataWriteException.messageOf(error));
    }

    private RemotingCommand stored(int code, String remark, PutResult r, int queueId, String transactionId,
                                   boolean batch) {
        String msgId = batch && r.wroteOffsets() != null && r.wroteOffsets().length > 0
                ? offsetMsgId.join(r.wroteOffsets()) : offsetMsgId.of(r.wroteOffset());
        return RemotingCommand.response(code, remark)
                .putExt("msgId", msgId)
                .putExt("queueId", queueId)
                .putExt("queueOffset", r.queueOffset())
                .putExt("transactionId", transactionId)
                .putExt("MSG_REGION", region)
                .putExt("TRACE_ON", traceOn);
    }
}
