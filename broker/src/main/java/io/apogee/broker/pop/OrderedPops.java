package io.apogee.broker.pop;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Orderly POP ({@code order=true}, handles with reviveQid 999): per {@code topic@group@queueId}, the last pop's
 * messages. While one of them is un-acknowledged and still invisible, the queue is blocked for the group (a pop
 * skips it), so its messages are consumed one pop at a time, in order. The group's committed offset stays at the
 * pop's first message until the messages are acknowledged in a contiguous prefix ({@link #ack}); after the
 * invisible time the same messages are popped again from there, each with its delivery count (reconsume times) + 1.
 * A pop repeating the last pop's {@code attemptId} (a retry of a lost answer) is not blocked and not counted.
 *
 * <p>In memory: after a restart no queue is blocked and counts start again (Apache persists them in
 * {@code consumerOrderInfo.json}).
 *
 * <p>Thread-safe: each queue's state is replaced or changed inside one atomic map operation.
 */
final class OrderedPops {

    /** Outcome of an orderly acknowledgement. */
    enum AckStatus { COMMIT, STALE, ILLEGAL }

    /** The next offset to commit, when {@link AckStatus#COMMIT}. */
    record AckResult(AckStatus status, long next) {
    }

    /** The last pop of one queue. */
    private static final class Last {
        final long popTime;
        final long invisibleTime;
        final long[] offsets;
        final int[] counts;
        final long[] visibleAt;
        final String attemptId;
        int acked;

        Last(long popTime, long invisibleTime, long[] offsets, int[] counts, String attemptId) {
            this.popTime = popTime;
            this.invisibleTime = invisibleTime;
            this.offsets = offsets;
            this.counts = counts;
            this.visibleAt = new long[offsets.length];
            Arrays.fill(visibleAt, popTime + invisibleTime);
            this.attemptId = attemptId;
        }

        int indexOf(long offset) {
            for (int i = 0; i < offsets.length; i++) {
                if (offsets[i] == offset) {
                    return i;
                }
            }
            return -1;
        }

        boolean blocks(long now) {
            for (int i = 0; i < offsets.length; i++) {
                if ((acked & (1 << i)) == 0 && now < visibleAt[i]) {
                    return true;
                }
            }
            return false;
        }
    }

    private final ConcurrentHashMap<String, Last> queues = new ConcurrentHashMap<>();

    static String key(String topic, String group, int queueId) {
        return topic + '@' + group + '@' + queueId;
    }

    /** Whether a pop with {@code attemptId} must skip the queue now. */
    boolean blocked(String key, String attemptId, long now) {
        Last last = queues.get(key);
        if (last == null || (attemptId != null && attemptId.equals(last.attemptId))) {
            return false;
        }
        return last.blocks(now);
    }

    /** Records a pop of {@code offsets}; returns each message's delivery count (0 the first time). */
    int[] popped(String key, long popTime, long invisibleTime, long[] offsets, String attemptId) {
        Last[] made = new Last[1];
        queues.compute(key, (k, previous) -> {
            boolean sameAttempt = previous != null && attemptId != null && attemptId.equals(previous.attemptId);
            int[] counts = new int[offsets.length];
            for (int i = 0; i < offsets.length; i++) {
                int at = previous == null ? -1 : previous.indexOf(offsets[i]);
                counts[i] = at < 0 ? 0 : previous.counts[at] + (sameAttempt ? 0 : 1);
            }
            made[0] = new Last(popTime, invisibleTime, offsets, counts, attemptId);
            return made[0];
        });
        return made[0].counts;
    }

    /**
     * Acknowledges {@code offset} of the pop at {@code popTime}: COMMIT with the first un-acknowledged offset (or the
     * last + 1 when all are), STALE when a later pop replaced that one, ILLEGAL when the offset was not popped.
     */
    AckResult ack(String key, long offset, long popTime) {
        AckResult[] result = {new AckResult(AckStatus.COMMIT, offset + 1)};
        queues.computeIfPresent(key, (k, last) -> {
            if (last.popTime != popTime) {
                result[0] = new AckResult(AckStatus.STALE, -1);
                return last;
            }
            int i = last.indexOf(offset);
            if (i < 0) {
                result[0] = new AckResult(AckStatus.ILLEGAL, -1);
                return last;
            }
            last.acked |= 1 << i;
            int first = 0;
            while (first < last.offsets.length && (last.acked & (1 << first)) != 0) {
                first++;
            }
            long next = first == last.offsets.length ? last.offsets[first - 1] + 1 : last.offsets[first];
            result[0] = new AckResult(AckStatus.COMMIT, next);
            return last;
        });
        return result[0];
    }

    /**
     * Makes {@code offset} of the pop at {@code popTime} visible again at {@code visibleAt}; returns the pop's time,
     * or -1 when that pop is no longer the queue's last.
     */
    long changeInvisible(String key, long offset, long popTime, long visibleAt) {
        long[] result = {-1};
        queues.computeIfPresent(key, (k, last) -> {
            int i = last.indexOf(offset);
            if (last.popTime == popTime && i >= 0) {
                last.visibleAt[i] = visibleAt;
                result[0] = last.popTime;
            }
            return last;
        });
        return result[0];
    }

    /** Forgets a queue's state (an admin reset its offset). */
    void clear(String key) {
        queues.remove(key);
    }
}
