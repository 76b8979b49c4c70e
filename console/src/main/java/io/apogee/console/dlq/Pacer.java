package io.apogee.console.dlq;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Spaces sends to at most {@code rate} a second: the n-th permit is due {@code n / rate} seconds after the first
 * (System.nanoTime, so clock changes do not matter); a caller that fell behind gets its permits at once, without a
 * burst beyond one second's worth.
 *
 * <p>Not thread-safe: one per replay thread.
 */
public final class Pacer {

    private final long intervalNanos;
    private long next;

    public Pacer(int perSecond) {
        this.intervalNanos = TimeUnit.SECONDS.toNanos(1) / Math.max(1, perSecond);
        this.next = System.nanoTime();
    }

    /** Waits for the next permit; false when the thread was interrupted meanwhile (then stop). */
    public boolean acquire() {
        long now = System.nanoTime();
        long earliest = now - TimeUnit.SECONDS.toNanos(1);
        if (next < earliest) {
            next = earliest;
        }
        while (now < next) {
            LockSupport.parkNanos(this, next - now);
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
            now = System.nanoTime();
        }
        next += intervalNanos;
        return !Thread.currentThread().isInterrupted();
    }
}
