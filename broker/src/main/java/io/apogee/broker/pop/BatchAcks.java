package io.apogee.broker.pop;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.ResponseCode;
import io.apogee.store.MessageStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.List;

/**
 * BATCH_ACK_MESSAGE (200151): no header; the body is JSON {@code {"brokerName", "acks": [BatchAck...]}}, one
 * BatchAck per pop checkpoint with Apache's names: {@code c} group, {@code t} topic (the requested one), {@code r}
 * retry flag ("0", "1", "2"), {@code so} checkpoint start offset, {@code q} queueId, {@code rq} reviveQid (999:
 * orderly), {@code pt} popTime, {@code it} invisibleTime, {@code b} the acknowledged offsets as Base64 of
 * {@code java.util.BitSet#toByteArray} (bit i = offset so + i). Offsets outside their queue and unknown queues are
 * skipped, as Apache does. Answers SUCCESS, or 13 when an orderly acknowledgement was illegal.
 *
 * <p>Not thread-safe: one instance per request.
 */
final class BatchAcks {

    /** The request body. */
    record Body(@JsonProperty("brokerName") String brokerName, @JsonProperty("acks") List<Ack> acks) {
    }

    /** One checkpoint's acknowledgements. */
    record Ack(@JsonProperty("c") String group, @JsonProperty("t") String topic, @JsonProperty("r") String retry,
               @JsonProperty("so") long startOffset, @JsonProperty("q") int queueId,
               @JsonProperty("rq") int reviveQid, @JsonProperty("pt") long popTime,
               @JsonProperty("it") long invisibleTime, @JsonProperty("b") String bits) {
    }

    private final PopAckProcessor acks;
    private final MessageStore store;

    BatchAcks(PopAckProcessor acks, MessageStore store) {
        this.acks = acks;
        this.store = store;
    }

    RemotingCommand apply(Body body) {
        RemotingCommand answer = RemotingCommand.success();
        for (Ack ack : body.acks()) {
            int flag = ack.retry() == null ? PopHandle.NORMAL : Integer.parseInt(ack.retry());
            String topic = PopHandle.readTopic(ack.topic(), ack.group(), flag);
            List<Long> offsets = offsets(ack, topic);
            if (offsets.isEmpty()) {
                continue;
            }
            if (ack.reviveQid() != PopHandle.ORDER_REVIVE_QID) {
                acks.ackInCheckpoint(ack.group(), topic, ack.queueId(), ack.startOffset(), ack.popTime(), offsets);
                continue;
            }
            for (long offset : offsets) {
                RemotingCommand one = acks.ackOrderly(ack.group(), topic, ack.queueId(), offset, ack.popTime());
                if (one.code() != ResponseCode.SUCCESS) {
                    answer = one;
                }
            }
        }
        return answer;
    }

    /** The acknowledged offsets of one BatchAck that lie inside their queue. */
    private List<Long> offsets(Ack ack, String topic) {
        List<Long> offsets = new ArrayList<>();
        if (ack.bits() == null || ack.bits().isEmpty()) {
            return offsets;
        }
        long min = store.minOffsetInQueue(topic, ack.queueId());
        long max = store.maxOffsetInQueue(topic, ack.queueId());
        BitSet bits = BitSet.valueOf(Base64.getDecoder().decode(ack.bits()));
        for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
            long offset = ack.startOffset() + i;
            if (offset >= min && offset <= max) {
                offsets.add(offset);
            }
        }
        return offsets;
    }
}
