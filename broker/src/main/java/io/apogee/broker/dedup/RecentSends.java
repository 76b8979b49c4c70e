package io.apogee.broker.dedup;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.store.PutResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The duplicate-send window: the UNIQ_KEYs of the messages this broker stored recently, with each one's result, so
 * that a producer's retry of a send that did reach the broker (its response timed out or was lost with the
 * connection; both Apache clients keep the UNIQ_KEY across retries, docs/protocol/16-timers-trace-reply-pop.md §5)
 * is answered with the original's msgId, offsetMsgId, queueId, queueOffset and status instead of being stored
 * twice. Apache RocketMQ stores every retry; this is an Apogee addition ({@code duplicateSendDetectEnable}, on by
 * default).
 *
 * <p>What identifies a send: the topic the client named (not where the broker parks it: delay, half, DLQ), the
 * request's reconsumeTimes, whether it is a batch, and the UNIQ_KEY. A single message without a UNIQ_KEY is not
 * tracked (the broker generates one for it, which no retry could carry). A batch is one unit, as the client retries
 * it: its identity is the first message's UNIQ_KEY (both clients encode the batch body once, so a retry repeats
 * it; client 4.9.8 gives the batch itself no UNIQ_KEY), and its duplicate is answered with the original batch's
 * result. reconsumeTimes keeps apart the successive send-backs of one consumed message to {@code %RETRY%<group>}
 * through the producer path (same UNIQ_KEY and topic, one more reconsume each time), while a retry of one
 * send-back repeats it. Internal re-puts (delay-level and timer delivery, END_TRANSACTION's commit of a half
 * message, transaction checks, CONSUMER_SEND_MSG_BACK) write to the store directly and never pass the window; the
 * producer's half message does pass it, so a retried half message is not parked twice. The topic counts by its
 * 32-bit hash: one UNIQ_KEY sent to two topics whose names hash alike would be taken for a duplicate.
 *
 * <p>Lifetime: a key claimed by a send stays {@code duplicateSendWindowSeconds} from the claim. Memory is bounded
 * by {@code duplicateSendWindowCapacity} keys (about 77 bytes each, arrays grown by doubling as they fill); when
 * the window is full the oldest keys are evicted first, even when younger than the window, so at a sustained rate
 * of R sends per second a duplicate is caught only within capacity / R seconds: a retry that arrives after its key
 * was evicted is stored again (a second copy, as without the window). An application that sends the same
 * {@code Message} object twice (which keeps its UNIQ_KEY) gets the first send's result the second time.
 *
 * <p>In flight: the key is claimed before the put starts, so a retry that arrives while the original put is still
 * running (another I/O thread, a new connection) waits for the original's outcome and gets the same answer. An
 * original that fails (not stored) forgets its key: waiting duplicates get its failure, the client retries, and
 * that retry stores. A key evicted while still in flight (only possible when capacity / rate is shorter than a
 * put) answers its waiting duplicates with an exception (SYSTEM_ERROR, retried by the client, possibly storing).
 *
 * <p>Cost: a claim parses the key from the properties' String (no allocation), locks one of up to 64 segments
 * (picked by the key's hash) and writes primitive arrays; duplicates allocate their answer.
 *
 * <p>Thread-safe: the segments lock themselves; the hit counter is a {@link LongAdder}; the rest is immutable.
 */
public final class RecentSends {

    /** {@link #claim} answer: not tracked (switched off, or no UNIQ_KEY): store it. */
    public static final long UNTRACKED = -1;
    /** {@link #claim} answer: a duplicate; ask {@link #original}. */
    public static final long DUPLICATE = -2;
    private static final int SEGMENT_BITS = 6;
    private static final int MIN_SEGMENT_SLOTS = 4096;

    private final boolean enabled;
    private final long windowMillis;
    private final LongSupplier clock;
    private final WindowSegment[] segments;
    private final int segmentShift;
    private final int capacity;
    private final LongAdder hits = new LongAdder();

    /**
     * @param windowMillis how long a key is remembered
     * @param capacity     most keys remembered
     * @param clock        milliseconds, e.g. {@code System::currentTimeMillis}
     */
    public RecentSends(boolean enabled, long windowMillis, int capacity, LongSupplier clock) {
        this.enabled = enabled;
        this.windowMillis = windowMillis;
        this.clock = clock;
        this.capacity = capacity;
        int bits = 0;
        while (bits < SEGMENT_BITS && (long) capacity >> (bits + 1) >= MIN_SEGMENT_SLOTS) {
            bits++;
        }
        this.segments = new WindowSegment[enabled ? 1 << bits : 0];
        this.segmentShift = Long.SIZE - bits;
        for (int i = 0; i < segments.length; i++) {
            segments[i] = new WindowSegment((capacity + segments.length - 1) >> bits);
        }
    }

    /** The window the broker's settings describe. */
    public static RecentSends of(BrokerConfig config) {
        return new RecentSends(config.duplicateSendDetectEnable, config.duplicateSendWindowSeconds * 1000L,
                config.duplicateSendWindowCapacity, System::currentTimeMillis);
    }

    /**
     * Claims a send before its put: answers a ticket (≥ 0) to hand to {@link #complete} once the put ends,
     * {@link #UNTRACKED}, or {@link #DUPLICATE} when the same send was claimed within the window.
     *
     * @param responseQueueId the queueId this send's response will name
     */
    public long claim(String topic, int reconsumeTimes, boolean batch, String uniqKey, int responseQueueId) {
        if (!enabled || uniqKey == null || uniqKey.isEmpty()) {
            return UNTRACKED;
        }
        boolean hex = UniqKeyBits.isHex(uniqKey);
        long keyHi = UniqKeyBits.high(uniqKey, hex);
        long keyLo = UniqKeyBits.low(uniqKey, hex);
        long topicKey = topicKey(topic, reconsumeTimes, batch);
        int s = segment(keyHi, keyLo, topicKey);
        long now = clock.getAsLong();
        long seq = segments[s].claim(keyHi, keyLo, topicKey, responseQueueId, now, now - windowMillis);
        if (seq < 0) {
            hits.increment();
            return DUPLICATE;
        }
        return seq << SEGMENT_BITS | s;
    }

    /**
     * The original result of a send {@link #claim} called a duplicate; null when its key left the window in the
     * meantime (claim again).
     */
    public CompletableFuture<SentResult> original(String topic, int reconsumeTimes, boolean batch, String uniqKey) {
        boolean hex = UniqKeyBits.isHex(uniqKey);
        long keyHi = UniqKeyBits.high(uniqKey, hex);
        long keyLo = UniqKeyBits.low(uniqKey, hex);
        long topicKey = topicKey(topic, reconsumeTimes, batch);
        return segments[segment(keyHi, keyLo, topicKey)].original(keyHi, keyLo, topicKey,
                clock.getAsLong() - windowMillis);
    }

    /** Records how a claimed send's put ended (see {@link WindowSegment#complete}); no-op for UNTRACKED. */
    public void complete(long ticket, PutResult result, Throwable error) {
        if (ticket >= 0) {
            segments[(int) (ticket & ((1 << SEGMENT_BITS) - 1))].complete(ticket >>> SEGMENT_BITS, result, error);
        }
    }

    /** Sends answered as duplicates since start. */
    public long hits() {
        return hits.sum();
    }

    /** Keys in the window now. */
    public long size() {
        long n = 0;
        for (WindowSegment s : segments) {
            n += s.size();
        }
        return n;
    }

    /** Heap the window's arrays hold now, in bytes. */
    public long bytes() {
        long n = 0;
        for (WindowSegment s : segments) {
            n += s.bytes();
        }
        return n;
    }

    /** Most keys the window holds. */
    public int capacity() {
        return capacity;
    }

    /** True when duplicate detection is on. */
    public boolean enabled() {
        return enabled;
    }

    private int segment(long keyHi, long keyLo, long topicKey) {
        return segments.length == 1 ? 0 : (int) (mix(keyHi, keyLo, topicKey) >>> segmentShift);
    }

    private static long topicKey(String topic, int reconsumeTimes, boolean batch) {
        return (long) topic.hashCode() << 32 | (reconsumeTimes & 0x7fffffffL) << 1 | (batch ? 1 : 0);
    }

    /** A 64-bit mix of the three key parts: low bits pick the index slot, high bits the segment. */
    static long mix(long keyHi, long keyLo, long topicKey) {
        long h = keyHi * 0x9E3779B97F4A7C15L ^ Long.rotateLeft(keyLo * 0xC2B2AE3D27D4EB4FL, 29)
                ^ topicKey * 0x165667B19E3779F9L;
        h ^= h >>> 32;
        h *= 0xD6E8FEB86659FD93L;
        return h ^ h >>> 32;
    }
}
