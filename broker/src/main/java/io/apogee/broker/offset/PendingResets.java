package io.apogee.broker.offset;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Offset resets a group's clients have not taken up yet ({@code useServerSideResetOffset}, as Apache 5.x): after an
 * admin reset a queue's offset to R, the clients may still commit the offsets they had (a commit in flight, the
 * periodic persist) and pull from where they were. Until a client commits R itself, which both client paths do once
 * they adopt a reset (the RESET_CONSUMER_CLIENT_OFFSET notice, and a pull answered PULL_OFFSET_MOVED), the broker
 * ignores other commits of the queue and moves pulls from other offsets to R. A reset that guards commits only
 * ({@link #assign} with {@code movePulls} false) leaves pulls alone: the clients take it up from the notice alone, so
 * a client never runs both take-up paths at once (each drops the queue and, 10 s later, removes whatever process
 * queue the client then has for it, which may be the one a rebalance just made). A reset nobody takes up within
 * {@value #HOLD_MILLIS} ms is dropped, so a client that missed both paths is never ignored for long.
 *
 * <p>Keys are {@code topic@group} (the offset table's), values queue id to the pending reset. In memory only: after
 * a restart the committed offsets hold the resets, and the clients' next commits are taken as they come.
 *
 * <p>Thread-safe: concurrent maps, each queue updated by one atomic map operation.
 */
public final class PendingResets {

    /** Longest a reset waits for its take-up: the clients' 10 s pause, a rebalance (20 s), a persist (5 s), twice. */
    static final long HOLD_MILLIS = 70_000;

    /** One pending reset: the offset, when it stops being held, and whether pulls from elsewhere move to it. */
    private record Pending(long offset, long until, boolean movePulls) {
    }

    private final ConcurrentHashMap<String, ConcurrentHashMap<Integer, Pending>> byKey = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    PendingResets(LongSupplier clock) {
        this.clock = clock;
    }

    /** Whether no reset is pending at all (then the callers skip building a key). */
    boolean isEmpty() {
        return byKey.isEmpty();
    }

    void assign(String key, int queueId, long offset) {
        assign(key, queueId, offset, true);
    }

    void assign(String key, int queueId, long offset, boolean movePulls) {
        byKey.computeIfAbsent(key, k -> new ConcurrentHashMap<>()).put(queueId,
                new Pending(offset, clock.getAsLong() + HOLD_MILLIS, movePulls));
    }

    /**
     * Whether a commit of {@code offset} for the queue may be applied: yes when no reset is pending, or when it
     * commits the reset offset (the client took the reset up, which ends it); no for any other offset meanwhile.
     */
    boolean takesCommit(String key, int queueId, long offset) {
        boolean[] takes = {true};
        byKey.computeIfPresent(key, (k, queues) -> {
            Pending pending = live(queues, queueId);
            if (pending != null && pending.offset() != offset) {
                takes[0] = false;
            } else {
                queues.remove(queueId);
            }
            return queues.isEmpty() ? null : queues;
        });
        return takes[0];
    }

    /** The offset a pull of the queue from {@code pulledFrom} must move to, or -1 to serve it as asked. */
    long moveTo(String key, int queueId, long pulledFrom) {
        ConcurrentHashMap<Integer, Pending> queues = byKey.get(key);
        Pending pending = queues == null ? null : live(queues, queueId);
        return pending == null || !pending.movePulls() || pending.offset() == pulledFrom ? -1 : pending.offset();
    }

    /** The queue's pending reset, or null; an expired one is removed. */
    private Pending live(ConcurrentHashMap<Integer, Pending> queues, int queueId) {
        Pending pending = queues.get(queueId);
        if (pending != null && pending.until() < clock.getAsLong()) {
            queues.remove(queueId, pending);
            return null;
        }
        return pending;
    }

    void removeKeysStartingWith(String prefix) {
        byKey.keySet().removeIf(k -> k.startsWith(prefix));
    }

    void removeKeysEndingWith(String suffix) {
        byKey.keySet().removeIf(k -> k.endsWith(suffix));
    }
}
