package io.apogee.broker.pull;

import io.apogee.common.DaemonScheduler;
import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.ResponseCode;
import io.apogee.store.MessageStore;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parks pull requests that found nothing (long polling) until a message arrives in their queue or their
 * deadline passes, then hands them to the pull executor to be re-run once and answered.
 *
 * <p>Bounded: at most {@code pullHoldMaxPerConnection} requests per connection and {@code pullHoldMaxTotal} in
 * all are parked ({@link #hold} answers which cap refused one); a parked request keeps only its pull header
 * (see {@link PullRequestHeader#trimmed}); the requests of a closed connection are dropped at once
 * ({@link #dropConnection}).
 *
 * <p>Wake-ups come from {@link #arrived} (the store's dispatch thread: it only moves requests to the
 * executor, never runs a pull itself) and from a check every {@value #CHECK_INTERVAL_MILLIS} ms on a single
 * thread, which also enforces deadlines and catches a message that arrived between a pull and its parking.
 *
 * <p>Thread-safe: each queue's list of parked requests is only touched inside {@link ConcurrentHashMap}
 * compute calls of its key; empty lists are removed, so {@link #arrived} costs one emptiness check while
 * nobody waits. The per-connection counts change inside compute calls of their connection; the total is an
 * atomic counter reserved before a request is parked and released when it is taken.
 */
public final class PullRequestHoldService implements AutoCloseable {

    static final long CHECK_INTERVAL_MILLIS = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(PullRequestHoldService.class);

    private record QueueKey(String topic, int queueId) {
    }

    /** What {@link #hold} did with a request. */
    public enum HoldOutcome {
        HELD,
        /** Not parked: its connection already has {@code pullHoldMaxPerConnection} parked requests. */
        CONNECTION_FULL,
        /** Not parked: the broker already has {@code pullHoldMaxTotal} parked requests. */
        BROKER_FULL
    }

    private final ConcurrentHashMap<QueueKey, List<HeldPull>> held = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<RemoteChannel, Integer> perConnection = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final MessageStore store;
    private final Executor pullExecutor;
    private final int maxPerConnection;
    private final int maxTotal;
    private final ScheduledExecutorService checker = DaemonScheduler.named("pull-hold-checker");

    public PullRequestHoldService(MessageStore store, Executor pullExecutor, int maxPerConnection, int maxTotal) {
        this.store = store;
        this.pullExecutor = pullExecutor;
        this.maxPerConnection = maxPerConnection;
        this.maxTotal = maxTotal;
    }

    public void start() {
        checker.scheduleWithFixedDelay(this::checkAllSafely, CHECK_INTERVAL_MILLIS, CHECK_INTERVAL_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /**
     * Parks a request unless a cap is reached; wakes it at once if a message beyond its offset is already
     * there.
     */
    public HoldOutcome hold(HeldPull pull) {
        if (total.incrementAndGet() > maxTotal) {
            total.decrementAndGet();
            return HoldOutcome.BROKER_FULL;
        }
        boolean[] admitted = new boolean[1];
        perConnection.compute(pull.channel(), (c, n) -> {
            int count = n == null ? 0 : n;
            admitted[0] = count < maxPerConnection;
            return admitted[0] ? count + 1 : n;
        });
        if (!admitted[0]) {
            total.decrementAndGet();
            return HoldOutcome.CONNECTION_FULL;
        }
        QueueKey key = new QueueKey(pull.topic(), pull.queueId());
        held.compute(key, (k, list) -> {
            List<HeldPull> target = list == null ? new ArrayList<>() : list;
            target.add(pull);
            return target;
        });
        if (pull.wakeOnArrival() && store.maxOffsetInQueue(pull.topic(), pull.queueId()) > pull.offset()) {
            wake(take(key, p -> p == pull));
        }
        return HoldOutcome.HELD;
    }

    /** Forgets every request parked by a connection that closed (no one is left to answer). */
    public void dropConnection(RemoteChannel channel) {
        if (perConnection.containsKey(channel)) {
            for (QueueKey key : List.copyOf(held.keySet())) {
                take(key, p -> p.channel() == channel);
            }
        }
    }

    /** A message became pullable at {@code logicOffset}: wakes the requests it satisfies. */
    public void arrived(String topic, int queueId, long logicOffset, long tagsCode) {
        if (held.isEmpty()) {
            return;
        }
        wake(take(new QueueKey(topic, queueId), p -> p.wakeOnArrival() && logicOffset >= p.offset()
                && p.filter().matchesTagsCode(tagsCode)));
    }

    /** Number of parked requests (for statistics and tests). */
    public int heldCount() {
        return total.get();
    }

    void checkAll(long nowMillis) {
        for (QueueKey key : List.copyOf(held.keySet())) {
            long maxOffset = store.maxOffsetInQueue(key.topic(), key.queueId());
            wake(take(key, p -> nowMillis >= p.deadlineMillis() || (p.wakeOnArrival() && maxOffset > p.offset())));
        }
    }

    private void checkAllSafely() {
        try {
            checkAll(System.currentTimeMillis());
        } catch (Throwable t) {
            LOG.error("checking held pull requests failed", t);
        }
    }

    private List<HeldPull> take(QueueKey key, Predicate<HeldPull> ready) {
        List<HeldPull> out = new ArrayList<>(2);
        held.computeIfPresent(key, (k, list) -> {
            for (Iterator<HeldPull> it = list.iterator(); it.hasNext(); ) {
                HeldPull p = it.next();
                if (ready.test(p)) {
                    it.remove();
                    out.add(p);
                    released(p.channel());
                }
            }
            return list.isEmpty() ? null : list;
        });
        return out;
    }

    /** Counts one request of {@code channel} as no longer parked. */
    private void released(RemoteChannel channel) {
        total.decrementAndGet();
        perConnection.computeIfPresent(channel, (c, n) -> n <= 1 ? null : n - 1);
    }

    private void wake(List<HeldPull> ready) {
        for (HeldPull pull : ready) {
            try {
                pullExecutor.execute(() -> pull.replay().replay(pull));
            } catch (RejectedExecutionException e) {
                pull.channel().reply(pull.request(), RemotingCommand.response(ResponseCode.SYSTEM_BUSY,
                        "[REJECTREQUEST] pull executor is full or stopped"));
            }
        }
    }

    /** Stops the checker and forgets parked requests (their clients re-pull after their own timeout). */
    @Override
    public void close() {
        checker.shutdownNow();
        held.clear();
        perConnection.clear();
        total.set(0);
    }
}
