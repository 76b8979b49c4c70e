package io.apogee.broker.stats;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one consumer group got from one topic: messages ({@code GROUP_GET_NUMS}), bytes ({@code GROUP_GET_SIZE}),
 * and per queue the offset after the last messages it was handed (the "pull offset" of consume stats).
 *
 * <p>Thread-safe: {@link StatsItem}s and a concurrent map of atomics (no allocation once a queue is known).
 */
final class GroupGetCounters {

    final StatsItem nums;
    final StatsItem size;
    private final ConcurrentHashMap<Integer, AtomicLong> pullOffsets = new ConcurrentHashMap<>();

    GroupGetCounters(long createdMillis) {
        nums = new StatsItem(createdMillis);
        size = new StatsItem(createdMillis);
    }

    void pulled(int queueId, long nextOffset) {
        AtomicLong offset = pullOffsets.get(queueId);
        if (offset == null) {
            offset = pullOffsets.computeIfAbsent(queueId, q -> new AtomicLong(-1));
        }
        offset.set(nextOffset);
    }

    /** The offset after the last message handed out from the queue, or -1 when none was. */
    long pullOffset(int queueId) {
        AtomicLong offset = pullOffsets.get(queueId);
        return offset == null ? -1 : offset.get();
    }
}
