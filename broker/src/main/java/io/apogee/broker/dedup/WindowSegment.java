package io.apogee.broker.dedup;

import io.apogee.store.PutResult;
import io.apogee.store.PutStatus;
import java.util.concurrent.CompletableFuture;

/**
 * One lock's share of the {@link RecentSends} window: a ring of entries in the order they were claimed (so the
 * oldest is always at the head, where expiry and eviction take it) and an open-addressing index over the ring.
 *
 * <p>Layout, all primitive arrays of {@code slots} entries, one ring position per entry: {@code hi}, {@code lo}
 * (the UNIQ_KEY's 128 bits, {@link UniqKeyBits}), {@code topic} (the topic's hash in the high 32 bits, then
 * reconsumeTimes and a batch bit), {@code time} (claim time, ms), {@code tag} (the low 32 bits of the entry's
 * sequence number, so a late completion of an entry that was evicted and whose position was reused is ignored),
 * {@code state} (FREE, PENDING while the original put runs, STORED), {@code queueId}, {@code wroteOffset} and
 * {@code queueOffset} of the stored original, and {@code extra}: null for a plainly stored single message, the
 * original's {@link PutResult} when it is a batch or was stored with a missed guarantee (FLUSH_DISK_TIMEOUT ...),
 * or, while PENDING, the future that duplicates wait on (made by the first duplicate only). The index holds, per
 * entry, a long of the key's 32-bit hash (high half: its home slot and a fingerprint, so a probe reads the ring
 * only on a likely match) and ring position + 1 (low half; 0 = empty), in a power-of-two table at least twice the
 * ring's length, probed linearly and emptied by backward shifting (no tombstones). The ring starts at 1,024
 * entries and doubles, up to {@code maxSlots}. Sequence numbers only grow: entry {@code seq} lives at position
 * {@code seq % slots}; the ring holds
 * {@code [head, tail)}, in which failed or forgotten entries are FREE holes that the head skips.
 *
 * <p>Thread-safe: every field is guarded by {@code this}. Futures are completed outside the lock, except when an
 * entry still in flight is evicted (then its waiters get an exception at once; see {@link RecentSends}).
 */
final class WindowSegment {

    private static final byte FREE = 0;
    private static final byte PENDING = 1;
    private static final byte STORED = 2;
    private static final int FIRST_SLOTS = 1024;
    /** Bytes per entry besides the index: 6 longs, 2 ints, 1 byte, 1 (compressed) reference. */
    private static final int ENTRY_BYTES = 6 * Long.BYTES + 2 * Integer.BYTES + 1 + Integer.BYTES;

    private final int maxSlots;
    private int slots;
    private long[] hi;
    private long[] lo;
    private long[] topic;
    private long[] time;
    private long[] wroteOffset;
    private long[] queueOffset;
    private int[] tag;
    private int[] queueId;
    private byte[] state;
    private Object[] extra;
    private long[] index;
    private long head;
    private long tail;
    private int live;

    WindowSegment(int maxSlots) {
        this.maxSlots = maxSlots;
        allocate(Math.min(FIRST_SLOTS, maxSlots));
    }

    /**
     * Claims the key for a put about to run, answering its sequence number, or -1 when the key is already there
     * (a duplicate: ask {@link #original}).
     */
    synchronized long claim(long keyHi, long keyLo, long topicKey, int responseQueueId, long now, long deadBefore) {
        purge(deadBefore);
        if (find(keyHi, keyLo, topicKey) >= 0) {
            return -1;
        }
        if (tail - head == slots) {
            if (slots < maxSlots) {
                grow();
            } else {
                removeAt(position(head));
                head++;
                purge(Long.MIN_VALUE);
            }
        }
        long seq = tail++;
        int p = position(seq);
        hi[p] = keyHi;
        lo[p] = keyLo;
        topic[p] = topicKey;
        time[p] = now;
        tag[p] = (int) seq;
        state[p] = PENDING;
        queueId[p] = responseQueueId;
        extra[p] = null;
        insert(p);
        live++;
        return seq;
    }

    /**
     * The original's result for a key claimed earlier: completed when it was stored, completed later when its put
     * is still running; null when the key is not (or no longer) in the window.
     */
    CompletableFuture<SentResult> original(long keyHi, long keyLo, long topicKey, long deadBefore) {
        synchronized (this) {
            purge(deadBefore);
            int p = find(keyHi, keyLo, topicKey);
            if (p < 0) {
                return null;
            }
            if (state[p] == PENDING) {
                return waiters(p);
            }
            PutResult put = extra[p] instanceof PutResult r ? r : new PutResult(PutStatus.PUT_OK, wroteOffset[p],
                    queueOffset[p], 1, 0, 0, new long[] {wroteOffset[p]}, null);
            return CompletableFuture.completedFuture(new SentResult(put, queueId[p]));
        }
    }

    /**
     * Records how the put of entry {@code seq} ended: a stored message is remembered with its result, anything else
     * (an exception, a refused put) forgets the key, so that the client's next retry stores it. Duplicates that
     * waited get this same outcome. Ignored when the entry has left the window meanwhile.
     */
    void complete(long seq, PutResult result, Throwable error) {
        CompletableFuture<SentResult> waiting;
        int responseQueueId;
        synchronized (this) {
            int p = position(seq);
            if (seq < head || seq >= tail || tag[p] != (int) seq || state[p] != PENDING) {
                return;
            }
            waiting = waitersOrNull(p);
            responseQueueId = queueId[p];
            if (error == null && result != null && result.isStored()) {
                state[p] = STORED;
                wroteOffset[p] = result.wroteOffset();
                queueOffset[p] = result.queueOffset();
                extra[p] = result.isOk() && result.msgCount() == 1 ? null : result;
            } else {
                extra[p] = null;
                removeAt(p);
            }
        }
        if (waiting != null) {
            if (error != null) {
                waiting.completeExceptionally(error);
            } else {
                waiting.complete(new SentResult(result, responseQueueId));
            }
        }
    }

    /** Keys in the window (claimed or stored, not yet expired or evicted by a later claim). */
    synchronized int size() {
        return live;
    }

    /** Heap held by the arrays (compressed references assumed). */
    synchronized long bytes() {
        return (long) slots * ENTRY_BYTES + (long) index.length * Long.BYTES;
    }

    private CompletableFuture<SentResult> waiters(int p) {
        CompletableFuture<SentResult> w = waitersOrNull(p);
        if (w == null) {
            w = new CompletableFuture<>();
            extra[p] = w;
        }
        return w;
    }

    @SuppressWarnings("unchecked")
    private CompletableFuture<SentResult> waitersOrNull(int p) {
        return extra[p] instanceof CompletableFuture<?> f ? (CompletableFuture<SentResult>) f : null;
    }

    /** Drops expired entries (claimed at or before {@code deadBefore}) and FREE holes from the head. */
    private void purge(long deadBefore) {
        while (head < tail) {
            int p = position(head);
            if (state[p] != FREE) {
                if (time[p] > deadBefore) {
                    return;
                }
                removeAt(p);
            }
            head++;
        }
    }

    /** Empties ring position {@code p}; waiters of an entry still in flight get an exception. */
    private void removeAt(int p) {
        if (state[p] == FREE) {
            return;
        }
        CompletableFuture<SentResult> w = state[p] == PENDING ? waitersOrNull(p) : null;
        delete(p);
        state[p] = FREE;
        extra[p] = null;
        live--;
        if (w != null) {
            w.completeExceptionally(new IllegalStateException("the original send left the duplicate window "
                    + "before its put completed"));
        }
    }

    private int position(long seq) {
        return (int) (seq % slots);
    }

    private static int hash(long keyHi, long keyLo, long topicKey) {
        return (int) RecentSends.mix(keyHi, keyLo, topicKey);
    }

    private static long slot(int hash, int p) {
        return (long) hash << 32 | (p + 1);
    }

    private static int hashOf(long slot) {
        return (int) (slot >>> 32);
    }

    private static int positionOf(long slot) {
        return (int) slot - 1;
    }

    private int find(long keyHi, long keyLo, long topicKey) {
        int mask = index.length - 1;
        int h = hash(keyHi, keyLo, topicKey);
        for (int i = h & mask; index[i] != 0; i = (i + 1) & mask) {
            int p = positionOf(index[i]);
            if (hashOf(index[i]) == h && hi[p] == keyHi && lo[p] == keyLo && topic[p] == topicKey) {
                return p;
            }
        }
        return -1;
    }

    private void insert(int p) {
        int mask = index.length - 1;
        int h = hash(hi[p], lo[p], topic[p]);
        int i = h & mask;
        while (index[i] != 0) {
            i = (i + 1) & mask;
        }
        index[i] = slot(h, p);
    }

    /**
     * Removes position {@code p} from the index, shifting later members of its probe run back into the gap (their
     * home slots come from the hash kept in the index, so the ring is not read).
     */
    private void delete(int p) {
        int mask = index.length - 1;
        int gap = hash(hi[p], lo[p], topic[p]) & mask;
        while (positionOf(index[gap]) != p) {
            gap = (gap + 1) & mask;
        }
        for (int j = (gap + 1) & mask; index[j] != 0; j = (j + 1) & mask) {
            int home = hashOf(index[j]) & mask;
            if (((j - home) & mask) >= ((j - gap) & mask)) {
                index[gap] = index[j];
                gap = j;
            }
        }
        index[gap] = 0;
    }

    /** Doubles the ring (up to maxSlots), moving each entry to its position in the longer ring, and re-indexes. */
    private void grow() {
        long[] oHi = hi;
        long[] oLo = lo;
        long[] oTopic = topic;
        long[] oTime = time;
        long[] oWrote = wroteOffset;
        long[] oQueueOffset = queueOffset;
        int[] oTag = tag;
        int[] oQueueId = queueId;
        byte[] oState = state;
        Object[] oExtra = extra;
        int oSlots = slots;
        allocate((int) Math.min((long) slots * 2, maxSlots));
        for (long seq = head; seq < tail; seq++) {
            int from = (int) (seq % oSlots);
            int to = position(seq);
            hi[to] = oHi[from];
            lo[to] = oLo[from];
            topic[to] = oTopic[from];
            time[to] = oTime[from];
            wroteOffset[to] = oWrote[from];
            queueOffset[to] = oQueueOffset[from];
            tag[to] = oTag[from];
            queueId[to] = oQueueId[from];
            state[to] = oState[from];
            extra[to] = oExtra[from];
            if (state[to] != FREE) {
                insert(to);
            }
        }
    }

    private void allocate(int n) {
        slots = n;
        hi = new long[n];
        lo = new long[n];
        topic = new long[n];
        time = new long[n];
        wroteOffset = new long[n];
        queueOffset = new long[n];
        tag = new int[n];
        queueId = new int[n];
        state = new byte[n];
        extra = new Object[n];
        index = new long[Integer.highestOneBit(Math.max(2, n * 2 - 1)) << 1];
    }
}
