package io.apogee.bench;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A fixed-capacity set of message sequence numbers (0 .. capacity-1) as a bit set: tells first deliveries from
 * duplicates without allocating per message.
 *
 * <p>Thread-safe: bits are set with compare-and-set on an {@link AtomicLongArray}.
 */
final class SeenSet {

    private final AtomicLongArray words;
    private final long capacity;

    SeenSet(long capacity) {
        if (capacity <= 0 || capacity > (long) Integer.MAX_VALUE * 64) {
            throw new IllegalArgumentException("capacity " + capacity + " out of range");
        }
        this.capacity = capacity;
        this.words = new AtomicLongArray((int) ((capacity + 63) / 64));
    }

    /** Adds {@code seq}; true if it was not there yet. A sequence outside the capacity is never "new". */
    boolean add(long seq) {
        if (seq < 0 || seq >= capacity) {
            return false;
        }
        int index = (int) (seq >>> 6);
        long bit = 1L << (seq & 63);
        while (true) {
            long word = words.get(index);
            if ((word & bit) != 0) {
                return false;
            }
            if (words.compareAndSet(index, word, word | bit)) {
                return true;
            }
        }
    }

    boolean contains(long seq) {
        return seq >= 0 && seq < capacity && (words.get((int) (seq >>> 6)) & (1L << (seq & 63))) != 0;
    }
}
