package io.apogee.tools.cli.consumer.monitor;

import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.body.MessageQueueBody;

/**
 * The body of an {@code OFFSET_MOVED_EVENT} message, which a broker writes when it moved a consumer's requested
 * offset (the messages in between were deleted or never existed):
 * {@code {"consumerGroup":"G","messageQueue":{"brokerName":"b","queueId":0,"topic":"T"},"offsetNew":5,
 * "offsetRequest":3}}. {@link #line} prints it as Apache's DefaultMonitorListener logs reportDeleteMsgsEvent.
 *
 * <p>Not thread-safe (a mutable JSON body); decoded and printed on one thread.
 */
final class OffsetMovedEvent {
    public String consumerGroup;
    public MessageQueueBody messageQueue;
    public long offsetRequest;
    public long offsetNew;

    /**
     * The report line of the event in {@code body}, stored at {@code eventTimestamp}; a malformed body is an
     * {@link IllegalArgumentException}.
     */
    static String line(byte[] body, long eventTimestamp) {
        OffsetMovedEvent e = JsonCodec.decode(body, OffsetMovedEvent.class);
        return MonitorOutput.PREFIX + "reportDeleteMsgsEvent: DeleteMsgsEvent [offsetMovedEvent=OffsetMovedEvent "
                + "[consumerGroup=" + e.consumerGroup + ", messageQueue=" + queueText(e.messageQueue)
                + ", offsetRequest=" + e.offsetRequest + ", offsetNew=" + e.offsetNew + "], eventTimestamp="
                + eventTimestamp + "]";
    }

    private static String queueText(MessageQueueBody q) {
        return q == null ? "null" : "MessageQueue [topic=" + q.topic + ", brokerName=" + q.brokerName + ", queueId="
                + q.queueId + "]";
    }
}
