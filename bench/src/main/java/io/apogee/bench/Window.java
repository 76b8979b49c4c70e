package io.apogee.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Phases of a run on the {@link System#nanoTime()} clock: warm-up, then the measured window, which ends after
 * its duration or when {@code maxMessages} operations have been counted in it, whichever is first. Workers ask
 * {@link #inWindow(long)} / {@link #countIfMeasured(long)} with the time an operation completed; the
 * controlling thread calls {@link #run(CostSampler)}.
 *
 * <p>Thread-safe: the bounds are volatile, the count atomic.
 */
final class Window {

    private final long warmupNanos;
    private final long measureNanos;
    private final long maxMessages;
    private final AtomicLong measured = new AtomicLong();
    private final CountDownLatch capReached = new CountDownLatch(1);
    private volatile long measureStart = Long.MAX_VALUE;
    private volatile long measureEnd = Long.MAX_VALUE;
    private volatile boolean over;

    Window(long warmupNanos, long measureNanos, long maxMessages) {
        this.warmupNanos = warmupNanos;
        this.measureNanos = measureNanos;
        this.maxMessages = maxMessages;
    }

    /** True once the measured window has ended: workers stop. */
    boolean over() {
        return over;
    }

    boolean inWindow(long nanoTime) {
        return nanoTime >= measureStart && nanoTime < measureEnd;
    }

    /** If {@code nanoTime} falls in the measured window, counts one operation and returns true. */
    boolean countIfMeasured(long nanoTime) {
        if (!inWindow(nanoTime)) {
            return false;
        }
        if (measured.incrementAndGet() >= maxMessages) {
            capReached.countDown();
        }
        return true;
    }

    long measured() {
        return measured.get();
    }

    /** Length of the measured window in nanoseconds (valid after {@link #run}). */
    long measuredNanos() {
        return measureEnd - measureStart;
    }

    /**
     * Runs the warm-up, opens the window (and starts sampling the broker), waits for its end, then closes it.
     * Returns when the window is over; workers see {@link #over()} from then on.
     */
    void run(CostSampler sampler) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(warmupNanos);
        sampler.begin();
        measureStart = System.nanoTime();
        capReached.await(measureNanos, TimeUnit.NANOSECONDS);
        measureEnd = System.nanoTime();
        over = true;
    }
}
