package io.apogee.broker.pop;

import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Long polling for pops and notifications that found nothing: each is held, under every topic whose arrivals may
 * satisfy it (the topic and the group's POP retry topic), until a message of one of them is stored (then it is run
 * again on the executor, and held again if it still finds nothing) or its poll time ends (then it is answered
 * empty by its own {@code expire} action). At most {@code maxHeld} are held; more are refused (POLLING_FULL).
 *
 * <p>Thread-safe: concurrent queues per topic; each held request is claimed once (woken or expired) by an atomic
 * flag, so it is answered exactly once.
 */
final class PopHolds {

    /** One held request. {@code wake} re-runs it; {@code expire} answers it empty. */
    static final class Held {
        final RemoteChannel channel;
        final RemotingCommand request;
        final long deadline;
        final List<String> topics;
        final String countKey;
        private final Consumer<Held> wake;
        private final Consumer<Held> expire;
        private final AtomicBoolean claimed = new AtomicBoolean();

        Held(RemoteChannel channel, RemotingCommand request, long deadline, List<String> topics, String countKey,
             Consumer<Held> wake, Consumer<Held> expire) {
            this.channel = channel;
            this.request = request;
            this.deadline = deadline;
            this.topics = topics;
            this.countKey = countKey;
            this.wake = wake;
            this.expire = expire;
        }
    }

    private final ConcurrentHashMap<String, Queue<Held>> byTopic = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicInteger> byCountKey = new ConcurrentHashMap<>();
    private final AtomicInteger held = new AtomicInteger();
    private final Executor executor;
    private final LongSupplier clock;
    private final int maxHeld;

    PopHolds(Executor executor, LongSupplier clock, int maxHeld) {
        this.executor = executor;
        this.clock = clock;
        this.maxHeld = maxHeld;
    }

    /** Holds the request; false when {@code maxHeld} are held already. */
    boolean hold(Held h) {
        if (held.incrementAndGet() > maxHeld) {
            held.decrementAndGet();
            return false;
        }
        byCountKey.computeIfAbsent(h.countKey, k -> new AtomicInteger()).incrementAndGet();
        for (String topic : h.topics) {
            byTopic.computeIfAbsent(topic, k -> new ConcurrentLinkedQueue<>()).add(h);
        }
        return true;
    }

    /** A message of {@code topic} was stored: every request held on it runs again. */
    void arrived(String topic) {
        Queue<Held> waiting = byTopic.get(topic);
        if (waiting == null || waiting.isEmpty()) {
            return;
        }
        for (Held h; (h = waiting.poll()) != null; ) {
            if (claim(h)) {
                run(h, h.wake);
            }
        }
    }

    /** Answers every held request whose poll time has ended; called periodically. */
    void expire() {
        long now = clock.getAsLong();
        for (Queue<Held> waiting : byTopic.values()) {
            waiting.removeIf(h -> {
                if (h.claimed.get()) {
                    return true;
                }
                if (h.deadline <= now && claim(h)) {
                    run(h, h.expire);
                    return true;
                }
                return false;
            });
        }
    }

    /** Requests held now. */
    int size() {
        return held.get();
    }

    /** Requests held now under a count key ({@code topic@group@queueId}, POLLING_INFO). */
    int size(String countKey) {
        AtomicInteger n = byCountKey.get(countKey);
        return n == null ? 0 : n.get();
    }

    private boolean claim(Held h) {
        if (!h.claimed.compareAndSet(false, true)) {
            return false;
        }
        held.decrementAndGet();
        byCountKey.computeIfPresent(h.countKey, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
        return true;
    }

    private void run(Held h, Consumer<Held> action) {
        if (!h.channel.isActive()) {
            return;
        }
        try {
            executor.execute(() -> action.accept(h));
        } catch (RejectedExecutionException e) {
            h.expire.accept(h);
        }
    }
}
