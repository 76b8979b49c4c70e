package io.apogee.broker.pop;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * One pop's read of one queue: which messages it handed out, which of them were acknowledged since, and when the
 * rest become visible again ({@link #deadline()}, popTime + invisibleTime). At most 32 messages (a pop's limit), so
 * the acknowledged set is an int bit map, bit i for the i-th message.
 *
 * <p>Journal form (a {@code ck} record of the revive topic, {@link ReviveLog}), with Apache's JSON names:
 * {@code {"t": topic read, "c": group, "q": queueId, "so": start offset, "pt": popTime, "it": invisibleTime,
 * "n": count, "d": [offset - so, ...], "bn": brokerName}}.
 *
 * <p>Thread-safe: the acknowledgement state is guarded by this object's monitor; the rest is immutable.
 */
final class Checkpoint {

    private final String topic;
    private final String group;
    private final int queueId;
    private final long startOffset;
    private final long popTime;
    private final long invisibleTime;
    private final long[] offsets;
    /** Revive-topic offset of the journal record; set once the record is stored. */
    private volatile long journalOffset = -1;
    private int acked;
    private boolean resolved;

    Checkpoint(String topic, String group, int queueId, long startOffset, long popTime, long invisibleTime,
               long[] offsets) {
        this.topic = topic;
        this.group = group;
        this.queueId = queueId;
        this.startOffset = startOffset;
        this.popTime = popTime;
        this.invisibleTime = invisibleTime;
        this.offsets = offsets;
    }

    /** The key acks find this checkpoint by: topic read, group, queue, start offset and pop time. */
    static String key(String topic, String group, int queueId, long startOffset, long popTime) {
        return topic + '@' + group + '@' + queueId + '@' + startOffset + '@' + popTime;
    }

    String key() {
        return key(topic, group, queueId, startOffset, popTime);
    }

    String topic() {
        return topic;
    }

    String group() {
        return group;
    }

    int queueId() {
        return queueId;
    }

    long startOffset() {
        return startOffset;
    }

    long popTime() {
        return popTime;
    }

    long invisibleTime() {
        return invisibleTime;
    }

    long deadline() {
        return popTime + invisibleTime;
    }

    int count() {
        return offsets.length;
    }

    long offset(int i) {
        return offsets[i];
    }

    long journalOffset() {
        return journalOffset;
    }

    void journalOffset(long offset) {
        this.journalOffset = offset;
    }

    /** Marks {@code offset} acknowledged; true when it was one of this pop's messages and not acknowledged yet. */
    synchronized boolean ack(long offset) {
        for (int i = 0; i < offsets.length; i++) {
            if (offsets[i] == offset) {
                boolean fresh = (acked & (1 << i)) == 0;
                acked |= 1 << i;
                return fresh && !resolved;
            }
        }
        return false;
    }

    synchronized boolean allAcked() {
        return acked == (offsets.length == 32 ? -1 : (1 << offsets.length) - 1);
    }

    /**
     * Ends this checkpoint and returns the offsets nobody acknowledged (to be redelivered); empty when all were,
     * or when it had ended already.
     */
    synchronized long[] resolve() {
        if (resolved) {
            return new long[0];
        }
        resolved = true;
        long[] open = new long[offsets.length - Integer.bitCount(acked)];
        int j = 0;
        for (int i = 0; i < offsets.length; i++) {
            if ((acked & (1 << i)) == 0) {
                open[j++] = offsets[i];
            }
        }
        return open;
    }

    synchronized boolean isResolved() {
        return resolved;
    }

    /** The journal form (see the class comment). */
    Record toRecord(String brokerName) {
        List<Integer> diffs = new ArrayList<>(offsets.length);
        for (long offset : offsets) {
            diffs.add((int) (offset - startOffset));
        }
        return new Record(topic, group, queueId, startOffset, popTime, invisibleTime, offsets.length, diffs,
                brokerName);
    }

    static Checkpoint fromRecord(Record r) {
        long[] offsets = new long[r.diffs() == null ? 0 : r.diffs().size()];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = r.startOffset() + r.diffs().get(i);
        }
        return new Checkpoint(r.topic(), r.group(), r.queueId(), r.startOffset(), r.popTime(), r.invisibleTime(),
                offsets);
    }

    /** A checkpoint's journal record (Apache's PopCheckPoint names). */
    record Record(@JsonProperty("t") String topic, @JsonProperty("c") String group, @JsonProperty("q") int queueId,
                  @JsonProperty("so") long startOffset, @JsonProperty("pt") long popTime,
                  @JsonProperty("it") long invisibleTime, @JsonProperty("n") int count,
                  @JsonProperty("d") List<Integer> diffs, @JsonProperty("bn") String brokerName) {
    }

    /**
     * An acknowledgement's journal record (Apache's AckMsg / BatchAckMsg names): {@code ao} the acknowledged offset
     * or {@code aol} several, {@code so} and {@code pt} naming the checkpoint.
     */
    record Ack(@JsonProperty("t") String topic, @JsonProperty("c") String group, @JsonProperty("q") int queueId,
               @JsonProperty("so") long startOffset, @JsonProperty("pt") long popTime,
               @JsonProperty("aol") List<Long> offsets, @JsonProperty("bn") String brokerName) {

        String checkpointKey() {
            return key(topic, group, queueId, startOffset, popTime);
        }
    }
}
