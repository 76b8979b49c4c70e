package io.apogee.broker.timer;

import java.util.Arrays;

/**
 * The timers of the loaded seconds (at most the current and the next one), ordered by (deliverMs, log position): a
 * binary min-heap in parallel primitive arrays, grown by doubling and never shrunk below its start size, so adding
 * and taking a timer allocates nothing once it has grown to a second's worth.
 *
 * <p>Not thread-safe: owned by the one timer thread.
 */
final class DueTimers {

    private long[] deliverMs;
    private long[] positions;
    private long[] commitLogOffsets;
    private int size;

    DueTimers(int initialCapacity) {
        deliverMs = new long[initialCapacity];
        positions = new long[initialCapacity];
        commitLogOffsets = new long[initialCapacity];
    }

    void add(long ms, long pos, long commitLogOffset) {
        if (size == deliverMs.length) {
            int grown = size * 2;
            deliverMs = Arrays.copyOf(deliverMs, grown);
            positions = Arrays.copyOf(positions, grown);
            commitLogOffsets = Arrays.copyOf(commitLogOffsets, grown);
        }
        int i = size++;
        set(i, ms, pos, commitLogOffset);
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(i, parent)) {
                break;
            }
            swap(i, parent);
            i = parent;
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** deliverMs of the earliest timer; Long.MAX_VALUE when empty. */
    long firstMs() {
        return size == 0 ? Long.MAX_VALUE : deliverMs[0];
    }

    long firstPos() {
        return positions[0];
    }

    long firstCommitLogOffset() {
        return commitLogOffsets[0];
    }

    /** Removes the earliest timer. */
    void removeFirst() {
        size--;
        if (size == 0) {
            return;
        }
        set(0, deliverMs[size], positions[size], commitLogOffsets[size]);
        int i = 0;
        while (true) {
            int left = 2 * i + 1;
            if (left >= size) {
                return;
            }
            int child = left + 1 < size && less(left + 1, left) ? left + 1 : left;
            if (!less(child, i)) {
                return;
            }
            swap(i, child);
            i = child;
        }
    }

    void clear() {
        size = 0;
    }

    private boolean less(int a, int b) {
        return deliverMs[a] < deliverMs[b] || deliverMs[a] == deliverMs[b] && positions[a] < positions[b];
    }

    private void set(int i, long ms, long pos, long offset) {
        deliverMs[i] = ms;
        positions[i] = pos;
        commitLogOffsets[i] = offset;
    }

    private void swap(int a, int b) {
        long ms = deliverMs[a];
        long pos = positions[a];
        long off = commitLogOffsets[a];
        set(a, deliverMs[b], positions[b], commitLogOffsets[b]);
        set(b, ms, pos, off);
    }
}
