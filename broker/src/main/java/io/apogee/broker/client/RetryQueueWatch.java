package io.apogee.broker.client;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Makes sure a consumer group pulls its retry topic {@code %RETRY%<group>} once a retry message is due there.
 *
 * <p>Why: a client only pulls the retry topic after a rebalance that knew the topic's route. The topic is
 * created by the group's first heartbeat, after the client's first route look-up, so a client may learn its
 * route only at its next name-server poll (30 s) and use it only at its next rebalance (20 s): the first retry
 * of a message then arrived some 20 s late instead of at its delay level (10 s for the first retry). When a
 * message reaches a retry topic that no member of its group has pulled for {@value #PULL_SILENCE_MILLIS} ms,
 * the members are sent NOTIFY_CONSUMER_IDS_CHANGED, which makes them rebalance at once; by then the first
 * rebalance has looked the route up, so the retry queue is assigned and pulled. At most one such notice per
 * group every {@value #NUDGE_INTERVAL_MILLIS} ms.
 *
 * <p>Thread-safe: two concurrent maps of timestamps; {@link #pulled} runs on pull threads, {@link #arrived} on
 * the dispatcher thread (it only reads maps and writes oneway notices, never blocks).
 */
public final class RetryQueueWatch {

    /** A member that owns a retry queue pulls it at least this often (long polls are held at most 15-20 s). */
    static final long PULL_SILENCE_MILLIS = 30_000;
    static final long NUDGE_INTERVAL_MILLIS = 10_000;
    private static final String RETRY_PREFIX = "%RETRY%";

    private final ClientTable clients;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, Long> lastPull = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Long> lastNudge = new ConcurrentHashMap<>();

    public RetryQueueWatch(ClientTable clients) {
        this(clients, System::currentTimeMillis);
    }

    RetryQueueWatch(ClientTable clients, LongSupplier clock) {
        this.clients = clients;
        this.clock = clock;
    }

    /** A pull of {@code topic} by {@code group} was received. */
    public void pulled(String group, String topic) {
        if (isRetryTopic(topic)) {
            lastPull.put(group, clock.getAsLong());
        }
    }

    /** A message was dispatched to {@code topic}; nudges the group when it is a retry topic nobody pulls. */
    public void arrived(String topic) {
        if (!isRetryTopic(topic)) {
            return;
        }
        String group = topic.substring(RETRY_PREFIX.length());
        ConsumerGroup consumers = clients.consumerGroup(group);
        if (consumers == null) {
            lastPull.remove(group);
            lastNudge.remove(group);
            return;
        }
        long now = clock.getAsLong();
        Long pulled = lastPull.get(group);
        if (pulled != null && now - pulled < PULL_SILENCE_MILLIS) {
            return;
        }
        Long nudged = lastNudge.get(group);
        if (nudged != null && now - nudged < NUDGE_INTERVAL_MILLIS) {
            return;
        }
        lastNudge.put(group, now);
        clients.askToRebalance(consumers);
    }

    private static boolean isRetryTopic(String topic) {
        return topic.startsWith(RETRY_PREFIX);
    }
}
