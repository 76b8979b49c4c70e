package io.apogee.broker.pull;

import io.apogee.common.DaemonScheduler;
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
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parks pull requests that found nothing (long polling) until a message arrives in their queue or their
 * deadline passes, then hands them to the pull executor to be re-run once and answered.
 *
 * <p>Wake-ups come from {@link #arrived} (the store's dispatch thread: it only moves requests to the
 * executor, never runs a pull itself) and from a check every {@value #CHECK_INTERVAL_MILLIS} ms on a single
 * thread, which also enforces deadlines and catches a message that arrived between a pull and its parking.
 *
 * <p>Thread-safe: each queue's list of parked requests is only touched inside {@link ConcurrentHashMap}
 * compute calls of its key; empty lists are removed, so {@link #arrived} costs one emptiness check while
 * nobody waits.
 */
public final class PullRequestHoldService implements AutoCloseable {

    static final long CHECK_INTERVAL_MILLIS = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(PullRequestHoldService.class);

    private record QueueKey(String topic, int queueId) {
    }

    private final ConcurrentHashMap<QueueKey, List<HeldPull>> held = new ConcurrentHashMap<>();
    private final MessageStore store;
    private final Executor pullExecutor;
    private final ScheduledExecutorService checker = DaemonScheduler.named("pull-hold-checker");

    public PullRequestHoldService(MessageStore store, Executor pullExecutor) {
        this.store = store;
        this.pullExecutor = pullExecutor;
    }

    public void start() {
        checker.scheduleWithFixedDelay(this::checkAllSafely, CHECK_INTERVAL_MILLIS, CHECK_INTERVAL_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /** Parks a request; wakes it at once if a message beyond its offset is already there. */
    public void hold(HeldPull pull) {
        QueueKey key = new QueueKey(pull.topic(), pull.queueId());
        held.compute(key, (k, list) -> {
            List<HeldPull> target = list == null ? new ArrayList<>() : list;
            target.add(pull);
            return target;
        });
        if (pull.wakeOnArrival() && store.maxOffsetInQueue(pull.topic(), pull.queueId()) > pull.offset()) {
            wake(take(key, p -> p == pull));
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

    /** Number of parked requests (for tests and statistics). */
    public int heldCount() {
        int n = 0;
        for (List<HeldPull> list : held.values()) {
            n += list.size();
        }
        return n;
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
                }
            }
            return list.isEmpty() ? null : list;
        });
        return out;
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
    }
}
