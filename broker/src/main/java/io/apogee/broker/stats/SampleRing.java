package io.apogee.broker.stats;

/**
 * The last {@code capacity} samples of a growing counter: (time, value, calls), oldest overwritten first. A
 * window's figures are measured from the oldest sample still kept, which is at most {@code capacity − 1} sampling
 * periods old, to the live counter.
 *
 * <p>Thread-safe: synchronized; written by the sampling thread, read by admin requests.
 */
final class SampleRing {

    /** One sample. */
    record Sample(long timeMillis, long value, long calls) {
    }

    private final long[] times;
    private final long[] values;
    private final long[] calls;
    private int next;
    private int size;

    /** A ring holding at most {@code capacity} samples, starting with one of (startMillis, 0, 0). */
    SampleRing(int capacity, long startMillis) {
        times = new long[capacity];
        values = new long[capacity];
        calls = new long[capacity];
        add(startMillis, 0, 0);
    }

    synchronized void add(long timeMillis, long value, long callCount) {
        times[next] = timeMillis;
        values[next] = value;
        calls[next] = callCount;
        next = (next + 1) % times.length;
        size = Math.min(size + 1, times.length);
    }

    /** The oldest sample kept. */
    synchronized Sample oldest() {
        int i = (next - size + times.length) % times.length;
        return new Sample(times[i], values[i], calls[i]);
    }

    /**
     * The newest sample taken at least {@code windowMillis} before {@code nowMillis}, or the oldest one when none
     * is that old.
     */
    synchronized Sample atLeast(long windowMillis, long nowMillis) {
        int oldest = (next - size + times.length) % times.length;
        int found = oldest;
        for (int k = 0; k < size; k++) {
            int i = (oldest + k) % times.length;
            if (nowMillis - times[i] >= windowMillis) {
                found = i;
            }
        }
        return new Sample(times[found], values[found], calls[found]);
    }
}
