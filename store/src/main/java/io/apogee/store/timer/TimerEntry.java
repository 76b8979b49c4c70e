package io.apogee.store.timer;

/**
 * One entry of the {@link TimerLog}: a pending delivery of a message stored in the timer topic. A mutable holder,
 * filled by {@link TimerLog#read} and reused by its owner (no allocation per entry).
 *
 * <p>Not thread-safe: owned by the one timer thread.
 */
public final class TimerEntry {
    /** A message to deliver. */
    public static final int KIND_MESSAGE = 0;
    /** A recall marker: the message with the same unique key in the same second is not delivered. */
    public static final int KIND_RECALL = 1;

    /** Log position of the previous entry of the same wheel slot; -1 for none. */
    public long prev = -1;
    /** When to deliver, epoch milliseconds. */
    public long deliverMs;
    /** Commit-log offset of the timer-topic record. */
    public long commitLogOffset;
    /** Offset of that record in the timer topic's queue. */
    public long queueOffset;
    /** Length of that record. */
    public int size;
    /** {@link #KIND_MESSAGE} or {@link #KIND_RECALL}. */
    public int kind;

    /** Sets every field; returns this. */
    public TimerEntry set(long prev, long deliverMs, long commitLogOffset, long queueOffset, int size, int kind) {
        this.prev = prev;
        this.deliverMs = deliverMs;
        this.commitLogOffset = commitLogOffset;
        this.queueOffset = queueOffset;
        this.size = size;
        this.kind = kind;
        return this;
    }

    /** True for a recall marker. */
    public boolean isRecall() {
        return kind == KIND_RECALL;
    }
}
