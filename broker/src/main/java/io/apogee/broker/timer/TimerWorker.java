package io.apogee.broker.timer;

import io.apogee.broker.schedule.ParkedDelivery;
import io.apogee.broker.topic.SystemTopics;
import io.apogee.common.message.MessageProperties;
import io.apogee.common.message.PropertyEditor;
import io.apogee.store.GetResult;
import io.apogee.store.MessageDraft;
import io.apogee.store.MessageFilter;
import io.apogee.store.MessageStore;
import io.apogee.store.PutResult;
import io.apogee.store.StoredMessage;
import io.apogee.store.timer.TimerEntry;
import io.apogee.store.timer.TimerLog;
import io.apogee.store.timer.TimerWheel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The timer's work, step by step, on the timer thread (see {@link TimerService} for the design):
 * <ul>
 *   <li>{@link #index}: new records of {@code rmq_sys_wheel_timer} become {@link TimerLog} entries linked into the
 *       {@link TimerWheel} slot of their second. A time already passed is clamped to the delivery watermark (so
 *       entries are always delivered in (deliverMs, position) order). Write order: log entry, slot head, queue
 *       offset, log end; a crash between any two is repaired by {@link #recover}.</li>
 *   <li>{@link #load}: a second's chain is read into {@link DueTimers} shortly before the second starts (entries of
 *       a later turn of the wheel and entries at or below the watermark are left); recall markers go to
 *       {@link #recalled}.</li>
 *   <li>{@link #deliverDue}: every loaded timer whose millisecond has come is stored in its real topic unless
 *       recalled, then the watermark moves past it.</li>
 *   <li>{@link #finish}: once a second is over and delivered, the chain's entries of later turns are rolled
 *       (stored again in the timer topic, so the commit log's retention never drops a pending timer), the slot
 *       is emptied and the cursor moves to the next second.</li>
 * </ul>
 *
 * <p>Not thread-safe: every method runs on the timer thread.
 */
final class TimerWorker {

    /** A second is loaded this long before it starts. */
    static final long PREFETCH_MS = 200;
    private static final Logger LOG = LoggerFactory.getLogger(TimerWorker.class);
    private static final MessageFilter ALL = tagsCode -> true;
    private static final int BATCH = 64;
    private static final int MAX_BATCH_BYTES = 4 * 1024 * 1024;
    private static final long RETRY_BACKOFF_MS = 1_000;

    private final MessageStore store;
    private final TimerWheel wheel;
    private final TimerLog log;
    private final ParkedDelivery delivery;
    private final InetSocketAddress storeHost;
    private final TimerEntry entry = new TimerEntry();
    private final DueTimers due = new DueTimers(1024);
    /** "topic uniqKey" of recalled timers of the loaded seconds, to the second they were due. */
    private final Map<String, Long> recalled = new HashMap<>();
    private long loadedUpTo;
    /** Records of the timer topic below this queue offset were stored before this wheel existed. */
    private long adoptBelow = -1;
    /** The store refused a delivery: no delivery before then. */
    private long blockedUntil;
    /** Timer-topic queue offset of the last rolled timer (-1: none). */
    private long rolledUpTo = -1;
    private long delivered;
    private long recalledCount;
    private long rolled;

    TimerWorker(MessageStore store, TimerWheel wheel, TimerLog log, ParkedDelivery delivery,
                InetSocketAddress storeHost) {
        this.store = store;
        this.wheel = wheel;
        this.log = log;
        this.delivery = delivery;
        this.storeHost = storeHost;
    }

    /**
     * Repairs what a crash between two writes of {@link #index} left: a linked entry past the recorded log end is
     * taken in, an unlinked one is dropped (its record is indexed again). A fresh wheel on a store whose timer topic
     * already holds records (a store Apache RocketMQ 5.x wrote, or a lost wheel file) adopts them: those still in the
     * future are indexed, those already due are skipped (they were delivered before, or cannot be told apart from
     * delivered ones). Then nothing is loaded.
     */
    void recover() throws IOException {
        if (wheel.created()) {
            adoptBelow = store.maxOffsetInQueue(SystemTopics.WHEEL_TIMER, 0);
            wheel.nextQueueOffset(store.minOffsetInQueue(SystemTopics.WHEEL_TIMER, 0));
            if (adoptBelow > 0) {
                LOG.info("new timer wheel: adopting the pending timers among the {} records of {}", adoptBelow,
                        SystemTopics.WHEEL_TIMER);
            }
            log.truncateTo(0);
        } else {
            long end = wheel.logEnd();
            long limbo = log.entryPositionAt(end);
            if (log.read(limbo, entry) && wheel.head(Math.floorDiv(entry.deliverMs, 1000)) == limbo) {
                end = limbo + TimerLog.ENTRY_BYTES;
                wheel.nextQueueOffset(Math.max(wheel.nextQueueOffset(), entry.queueOffset + 1));
                wheel.logEnd(end);
            }
            log.truncateTo(end);
        }
        loadedUpTo = wheel.cursorSecond() - 1;
    }

    /** Indexes up to a batch of new timer records; true when it found any. */
    boolean index() throws IOException {
        long next = wheel.nextQueueOffset();
        if (next == store.maxOffsetInQueue(SystemTopics.WHEEL_TIMER, 0)) {
            return false; // nothing new: the idle poll and each catch-up step skip the read
        }
        GetResult r = store.get(SystemTopics.WHEEL_TIMER, 0, next, BATCH, MAX_BATCH_BYTES, ALL);
        try {
            switch (r.status()) {
                case FOUND -> {
                    for (ByteBuffer record : r.records()) {
                        indexRecord(record);
                    }
                    return true;
                }
                case OFFSET_TOO_SMALL, OFFSET_OVERFLOW_BADLY, MESSAGE_WAS_REMOVING, OFFSET_FOUND_NULL,
                     NO_MATCHED_MESSAGE -> {
                    if (r.nextBeginOffset() == next) {
                        return false;
                    }
                    LOG.warn("timer topic: offset {} is {}, moving to {}", next, r.status(), r.nextBeginOffset());
                    wheel.nextQueueOffset(r.nextBeginOffset());
                    return true;
                }
                default -> {
                    return false;
                }
            }
        } finally {
            r.release();
        }
    }

    private void indexRecord(ByteBuffer record) throws IOException {
        String props = StoredMessage.properties(record);
        long queueOffset = StoredMessage.queueOffset(record);
        Long outMs = parseLong(MessageProperties.valueOf(props, MessageProperties.TIMER_OUT_MS));
        if (outMs == null) {
            LOG.error("timer record at commit-log offset {} has no usable TIMER_OUT_MS; skipped",
                    StoredMessage.physicalOffset(record));
            wheel.nextQueueOffset(queueOffset + 1);
            return;
        }
        if (queueOffset < adoptBelow && outMs <= wheel.cursorSecond() * 1000) {
            wheel.nextQueueOffset(queueOffset + 1);
            return;
        }
        String deleteKey = MessageProperties.valueOf(props, MessageProperties.TIMER_DEL_UNIQKEY);
        long ms = Math.max(outMs, Math.max(wheel.watermarkMs(), wheel.cursorSecond() * 1000));
        long second = Math.floorDiv(ms, 1000);
        entry.set(wheel.head(second), ms, StoredMessage.physicalOffset(record), queueOffset,
                StoredMessage.totalSize(record), deleteKey == null ? TimerEntry.KIND_MESSAGE : TimerEntry.KIND_RECALL);
        long pos = log.append(entry, wheel.cursorSecond());
        wheel.head(second, pos);
        wheel.nextQueueOffset(queueOffset + 1);
        wheel.logEnd(log.end());
        if (second <= loadedUpTo) {
            if (deleteKey != null) {
                recalled.put(recallKey(props, deleteKey), second);
            } else {
                due.add(ms, pos, entry.commitLogOffset);
            }
        }
    }

    /** Delivers the loaded timers due by {@code now}, at most {@code max}; true when it delivered any. */
    boolean deliverDue(long now, int max) {
        if (now < blockedUntil) {
            return false;
        }
        int n = 0;
        while (n < max && due.firstMs() <= now) {
            ByteBuffer record = store.lookMessageByOffset(due.firstCommitLogOffset());
            if (record == null) {
                LOG.error("timer message at commit-log offset {} is gone (commit log cleaned?); not delivered",
                        due.firstCommitLogOffset());
            } else if (isRecalled(record)) {
                recalledCount++;
            } else if (delivery.deliver(record, "timer") == ParkedDelivery.Outcome.RETRY) {
                blockedUntil = now + RETRY_BACKOFF_MS;
                return n > 0;
            } else {
                delivered++;
            }
            wheel.watermark(due.firstMs(), due.firstPos());
            due.removeFirst();
            n++;
        }
        return n > 0;
    }

    private boolean isRecalled(ByteBuffer record) {
        if (recalled.isEmpty()) {
            return false;
        }
        String props = StoredMessage.properties(record);
        String uniq = MessageProperties.valueOf(props, MessageProperties.UNIQ_KEY);
        return uniq != null && recalled.containsKey(recallKey(props, uniq));
    }

    private static String recallKey(String props, String uniqKey) {
        return MessageProperties.valueOf(props, MessageProperties.REAL_TOPIC) + ' ' + uniqKey;
    }

    /**
     * Loads the next second when it starts within {@link #PREFETCH_MS}, or when the cursor's second is not loaded;
     * finishes the cursor's second when it is over and delivered. True when it did either.
     */
    boolean advance(long now) throws IOException {
        if (wheel.nextQueueOffset() <= rolledUpTo) {
            return false; // a rolled timer must be indexed before the cursor may pass its second
        }
        long cursor = wheel.cursorSecond();
        if (loadedUpTo < cursor || loadedUpTo == cursor && now >= (cursor + 1) * 1000 - PREFETCH_MS) {
            load(loadedUpTo + 1);
            return true;
        }
        if (now >= (cursor + 1) * 1000 && due.firstMs() >= (cursor + 1) * 1000) {
            finish(cursor);
            return true;
        }
        return false;
    }

    /** Milliseconds until {@link #advance} or {@link #deliverDue} has work, at most {@code max}. */
    long millisToWork(long now, long max) {
        long cursor = wheel.cursorSecond();
        long nextLoad = loadedUpTo <= cursor ? (loadedUpTo + 1) * 1000 - PREFETCH_MS : Long.MAX_VALUE;
        long nextFinish = (cursor + 1) * 1000;
        long next = Math.min(Math.max(due.firstMs(), blockedUntil), Math.min(nextLoad, nextFinish));
        return Math.max(0, Math.min(max, next - now));
    }

    private void load(long second) {
        long wmMs = wheel.watermarkMs();
        long wmPos = wheel.watermarkPos();
        for (long pos = wheel.head(second); pos >= 0; pos = entry.prev) {
            if (!log.read(pos, entry)) {
                LOG.error("timer log: no entry at {} in the chain of second {}; the rest of the chain is lost",
                        pos, second);
                break;
            }
            if (Math.floorDiv(entry.deliverMs, 1000) != second) {
                continue;
            }
            if (entry.isRecall()) {
                ByteBuffer marker = store.lookMessageByOffset(entry.commitLogOffset);
                if (marker != null) {
                    String props = StoredMessage.properties(marker);
                    recalled.put(recallKey(props, MessageProperties.valueOf(props,
                            MessageProperties.TIMER_DEL_UNIQKEY)), second);
                }
            } else if (entry.deliverMs > wmMs || entry.deliverMs == wmMs && pos > wmPos) {
                due.add(entry.deliverMs, pos, entry.commitLogOffset);
            }
        }
        loadedUpTo = second;
    }

    private void finish(long second) throws IOException {
        for (long pos = wheel.head(second); pos >= 0; pos = entry.prev) {
            if (!log.read(pos, entry)) {
                LOG.error("timer log: no entry at {} in the chain of second {}; the rest of the chain is lost",
                        pos, second);
                break;
            }
            if (Math.floorDiv(entry.deliverMs, 1000) > second) {
                roll(entry.commitLogOffset);
            }
        }
        wheel.head(second, -1);
        wheel.cursorSecond(second + 1);
        if (!recalled.isEmpty()) {
            recalled.values().removeIf(s -> s <= second);
        }
        if (Math.floorMod(second, 60) == 0) {
            log.deleteDeadSegments(second + 1, wheel.slots());
        }
    }

    /** Stores a timer of a later turn again in the timer topic (it is indexed anew). */
    private void roll(long commitLogOffset) {
        ByteBuffer record = store.lookMessageByOffset(commitLogOffset);
        if (record == null) {
            LOG.error("timer message at commit-log offset {} is gone (commit log cleaned?); it cannot be rolled",
                    commitLogOffset);
            return;
        }
        MessageDraft draft = MessageDraft.copyOf(record, storeHost);
        PropertyEditor props = PropertyEditor.of(StoredMessage.properties(record));
        Long times = parseLong(props.get(MessageProperties.TIMER_ROLL_TIMES));
        props.set(MessageProperties.TIMER_ROLL_TIMES, Long.toString(times == null ? 1 : times + 1));
        draft.setProperties(props.render());
        PutResult result = store.put(draft).join();
        if (!result.isStored()) {
            throw new UncheckedIOException(new IOException("rolling the timer message at commit-log offset "
                    + commitLogOffset + " failed: " + result.status() + " " + result.reason()));
        }
        rolledUpTo = Math.max(rolledUpTo, result.queueOffset());
        rolled++;
    }

    long cursorSecond() {
        return wheel.cursorSecond();
    }

    long delivered() {
        return delivered;
    }

    long recalledCount() {
        return recalledCount;
    }

    long rolled() {
        return rolled;
    }

    private static Long parseLong(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
