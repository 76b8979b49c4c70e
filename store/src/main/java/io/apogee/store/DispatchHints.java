package io.apogee.store;

/**
 * Hand-over from the appender to the dispatcher: for each appended record, its physical offset, the
 * broker-supplied tag code and its consume queue, so the dispatcher need not decode the topic or parse the
 * properties. A fixed ring of preallocated slots (no allocation per message).
 *
 * <p>Threads: single producer (whoever holds the commit-log append lock) and single consumer (the
 * dispatcher). The producer fills a slot and then advances {@code tail} (volatile); the consumer reads the
 * slot after reading {@code tail} and then advances {@code head} (volatile), which frees the slot. When the
 * ring is full the hint is dropped; the dispatcher then derives the values from the record itself
 * (as it does after recovery, when there are no hints).
 */
final class DispatchHints {

    private final int mask;
    private final long[] physicalOffsets;
    private final long[] tagsCodes;
    private final ConsumeQueue[] queues;
    private volatile long head;
    private volatile long tail;
    /** Tag code of the last successful {@link #take}; consumer thread only. */
    long lastTagsCode;

    DispatchHints(int capacityPowerOfTwo) {
        if (Integer.bitCount(capacityPowerOfTwo) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacityPowerOfTwo);
        }
        mask = capacityPowerOfTwo - 1;
        physicalOffsets = new long[capacityPowerOfTwo];
        tagsCodes = new long[capacityPowerOfTwo];
        queues = new ConsumeQueue[capacityPowerOfTwo];
    }

    /** Producer: records a hint, or drops it when the ring is full. */
    void offer(long physicalOffset, long tagsCode, ConsumeQueue queue) {
        long t = tail;
        if (t - head > mask) {
            return;
        }
        int slot = (int) (t & mask);
        physicalOffsets[slot] = physicalOffset;
        tagsCodes[slot] = tagsCode;
        queues[slot] = queue;
        tail = t + 1;
    }

    /**
     * Consumer: the queue hinted for the record at {@code physicalOffset}, or null when there is no hint for
     * it. Hints for earlier records (never consumed) are discarded. On success {@link #lastTagsCode} holds
     * the tag code until the next call.
     */
    ConsumeQueue take(long physicalOffset) {
        long h = head;
        while (h < tail) {
            int slot = (int) (h & mask);
            long phys = physicalOffsets[slot];
            if (phys > physicalOffset) {
                return null;
            }
            ConsumeQueue q = queues[slot];
            lastTagsCode = tagsCodes[slot];
            queues[slot] = null;
            head = ++h;
            if (phys == physicalOffset) {
                return q;
            }
        }
        return null;
    }
}
