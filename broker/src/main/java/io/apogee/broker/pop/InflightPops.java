package io.apogee.broker.pop;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The checkpoints of pops whose messages are not all acknowledged yet, by key (for acks) and by deadline (for the
 * {@link Reviver}). Rebuilt from the revive journal at start ({@link ReviveLog#replay}).
 *
 * <p>Thread-safe: a concurrent map for look-ups, and the deadline queue guarded by this object's monitor.
 */
final class InflightPops {

    private final ConcurrentHashMap<String, Checkpoint> byKey = new ConcurrentHashMap<>();
    private final PriorityQueue<Checkpoint> byDeadline =
            new PriorityQueue<>(Comparator.comparingLong(Checkpoint::deadline));

    void add(Checkpoint checkpoint) {
        byKey.put(checkpoint.key(), checkpoint);
        synchronized (this) {
            byDeadline.add(checkpoint);
        }
    }

    Checkpoint find(String key) {
        return byKey.get(key);
    }

    /** Forgets a checkpoint whose messages were all acknowledged (its deadline entry is skipped when due). */
    void remove(Checkpoint checkpoint) {
        byKey.remove(checkpoint.key(), checkpoint);
    }

    /** Takes the checkpoints whose deadline is at or before {@code now}, still unresolved, earliest first. */
    List<Checkpoint> takeDue(long now) {
        List<Checkpoint> due = new ArrayList<>();
        synchronized (this) {
            while (!byDeadline.isEmpty() && byDeadline.peek().deadline() <= now) {
                Checkpoint c = byDeadline.poll();
                if (!c.isResolved()) {
                    due.add(c);
                }
            }
        }
        return due;
    }

    /** The smallest journal offset of a live checkpoint, or {@code Long.MAX_VALUE} when none is live. */
    long oldestJournalOffset() {
        long oldest = Long.MAX_VALUE;
        for (Checkpoint c : byKey.values()) {
            long at = c.journalOffset();
            if (at >= 0 && at < oldest) {
                oldest = at;
            }
        }
        return oldest;
    }

    /** Checkpoints in flight. */
    int size() {
        return byKey.size();
    }

    /** Un-acknowledged messages held by {@code group} on {@code topic} (both its own and its POP retry topic). */
    long inflightMessages(String group, String topic) {
        String retry = PopHandle.retryTopic(group, topic);
        long n = 0;
        for (Checkpoint c : byKey.values()) {
            if (c.group().equals(group) && (c.topic().equals(topic) || c.topic().equals(retry))) {
                n += c.count();
            }
        }
        return n;
    }
}
