package io.apogee.tools.message;

/**
 * One message-trace record as the Apache clients encode it in the bodies of the trace topic's messages
 * (docs/protocol/16-timers-trace-reply-pop.md §2), decoded by {@link TraceRecordDecoder}. Which fields a record
 * carries depends on its type; the others are null, 0 or false:
 * <ul>
 *   <li>{@code Pub}: timestamp, regionId, group (producer), topic, msgId, tags, keys, storeHost, bodyLength,
 *       costTime, messageType, offsetMsgId, success;</li>
 *   <li>{@code SubBefore}: timestamp, regionId, group (consumer), requestId, msgId, retryTimes, keys;</li>
 *   <li>{@code SubAfter}: requestId, msgId, costTime, success, keys, contextCode, timestamp and group (absent from
 *       records of clients older than 4.9 and of the cloud access channel);</li>
 *   <li>{@code EndTransaction}: timestamp, regionId, group (producer), topic, msgId, tags, keys, storeHost,
 *       messageType, transactionId, transactionState, fromTransactionCheck;</li>
 *   <li>{@code Recall}: timestamp, regionId, group (producer), topic, msgId, success.</li>
 * </ul>
 * Absent values written by the clients as the text {@code null} (no tags, no keys) are kept as that text, as
 * Apache's tools show them.
 *
 * @param messageType    the traced message's type: {@code Normal_Msg}, {@code Trans_Msg_Half},
 *                       {@code Trans_msg_Commit}, {@code Delay_Msg}, {@code Order_Msg} (the client's enum, written
 *                       as its ordinal)
 * @param contextCode    how the consumption ended: 0 success, 1 timeout, 2 exception, 3 null returned, 4 failed
 * @param costTime       milliseconds: the send, or the consumption per message
 * @param clientHost     the IP address of the client that wrote the record (the trace message's born host)
 */
public record TraceRecord(TraceType type, long timestamp, String regionId, String group, String topic,
                          String msgId, String tags, String keys, String storeHost, int bodyLength, int costTime,
                          String messageType, String offsetMsgId, boolean success, String requestId,
                          int retryTimes, int contextCode, String transactionId, String transactionState,
                          boolean fromTransactionCheck, String clientHost) {

    /** {@code success} or {@code failed}, as Apache's queryMsgTraceById prints it. */
    public String status() {
        return success ? "success" : "failed";
    }
}
