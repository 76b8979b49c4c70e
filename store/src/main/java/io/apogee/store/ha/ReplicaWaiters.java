package io.apogee.store.ha;

import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * SYNC_MASTER's group wait, like SYNC_FLUSH's group commit: a send registers the end offset of its records; every
 * acknowledgement a slave sends completes all waiters at or below it at once, so one acknowledgement releases many
 * sends. A waiter not completed within {@code slaveTimeout} completes {@link ReplicaOutcome#TIMED_OUT} by its
 * future's own timer; whichever completion comes first wins.
 *
 * <p>Thread-safe: senders add waiters from any thread; the connections' reader threads complete them; the queue is
 * lock-free and a future completes once.
 */
final class ReplicaWaiters {

    private static final CompletableFuture<ReplicaOutcome> DONE = CompletableFuture.completedFuture(
            ReplicaOutcome.REPLICATED);
    private static final CompletableFuture<ReplicaOutcome> NO_SLAVE = CompletableFuture.completedFuture(
            ReplicaOutcome.NO_SLAVE);

    private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();
    private final long timeoutMillis;
    private final long fallBehindMax;

    ReplicaWaiters(long timeoutMillis, long fallBehindMax) {
        this.timeoutMillis = timeoutMillis;
        this.fallBehindMax = fallBehindMax;
    }

    /**
     * Waits until a slave acknowledged {@code end}.
     *
     * @param acked       the highest offset any connected slave acknowledged, -1 when none is connected
     * @param writeOffset the master's write offset, for the fall-behind check
     */
    CompletableFuture<ReplicaOutcome> await(long end, long acked, long writeOffset) {
        if (acked < 0 || writeOffset - acked > fallBehindMax) {
            return NO_SLAVE;
        }
        if (end <= acked) {
            return DONE;
        }
        CompletableFuture<ReplicaOutcome> future = new CompletableFuture<>();
        future.completeOnTimeout(ReplicaOutcome.TIMED_OUT, timeoutMillis, TimeUnit.MILLISECONDS);
        waiters.add(new Waiter(end, future));
        return future;
    }

    /** Completes every waiter at or below {@code acked}; timed-out ones are dropped too. */
    void acknowledged(long acked) {
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            if (w.end <= acked) {
                w.future.complete(ReplicaOutcome.REPLICATED);
                it.remove();
            } else if (w.future.isDone()) {
                it.remove();
            }
        }
    }

    /** Completes every waiter as timed out (the service is closing). */
    void abandon() {
        for (Waiter w; (w = waiters.poll()) != null; ) {
            w.future.complete(ReplicaOutcome.TIMED_OUT);
        }
    }

    private record Waiter(long end, CompletableFuture<ReplicaOutcome> future) {
    }
}
