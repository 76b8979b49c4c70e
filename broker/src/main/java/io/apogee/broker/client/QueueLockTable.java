package io.apogee.broker.client;

import io.apogee.remoting.body.MessageQueueBody;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Queue locks of orderly consumers: per (group, queue) the client id holding it and when it last locked it.
 * A lock is granted when the queue is free, held by the requester (renewal), or expired
 * ({@value #LOCK_EXPIRY_MILLIS} ms without renewal; clients renew every 20 s).
 *
 * <p>Thread-safe: all methods are synchronized on the table (locking is rare: once per queue per 20 s).
 */
public final class QueueLockTable {

    /** A lock not renewed for this long may be taken by another client. */
    public static final long LOCK_EXPIRY_MILLIS = 60_000;

    private record Owner(String clientId, long lastLockMillis) {
    }

    private final Map<String, Map<MessageQueueBody, Owner>> locks = new HashMap<>();

    /** Locks what it can of {@code queues} for {@code clientId}; returns the queues the client now holds. */
    public synchronized Set<MessageQueueBody> tryLock(String group, Set<MessageQueueBody> queues, String clientId,
                                                      long nowMillis) {
        Map<MessageQueueBody, Owner> groupLocks = locks.computeIfAbsent(group, g -> new HashMap<>());
        Set<MessageQueueBody> granted = new LinkedHashSet<>();
        for (MessageQueueBody queue : queues) {
            Owner owner = groupLocks.get(queue);
            if (owner == null || owner.clientId().equals(clientId)
                    || nowMillis - owner.lastLockMillis() > LOCK_EXPIRY_MILLIS) {
                groupLocks.put(queue, new Owner(clientId, nowMillis));
                granted.add(queue);
            }
        }
        return granted;
    }

    /** Releases those of {@code queues} that {@code clientId} holds. */
    public synchronized void unlock(String group, Set<MessageQueueBody> queues, String clientId) {
        Map<MessageQueueBody, Owner> groupLocks = locks.get(group);
        if (groupLocks == null) {
            return;
        }
        for (MessageQueueBody queue : queues) {
            Owner owner = groupLocks.get(queue);
            if (owner != null && owner.clientId().equals(clientId)) {
                groupLocks.remove(queue);
            }
        }
        if (groupLocks.isEmpty()) {
            locks.remove(group);
        }
    }

    /**
     * Whether some client holds a live lock on any queue for {@code group}: the group consumes orderly (Apache 5.x
     * dead-letters such a group's retry sends at once, docs/protocol/04-producer.md).
     */
    public synchronized boolean anyLiveLock(String group, long nowMillis) {
        Map<MessageQueueBody, Owner> groupLocks = locks.get(group);
        return groupLocks != null && groupLocks.values().stream()
                .anyMatch(owner -> nowMillis - owner.lastLockMillis() <= LOCK_EXPIRY_MILLIS);
    }

    /** The client id holding a live lock on the queue, or null. */
    public synchronized String owner(String group, MessageQueueBody queue, long nowMillis) {
        Map<MessageQueueBody, Owner> groupLocks = locks.get(group);
        Owner owner = groupLocks == null ? null : groupLocks.get(queue);
        return owner == null || nowMillis - owner.lastLockMillis() > LOCK_EXPIRY_MILLIS ? null : owner.clientId();
    }
}
