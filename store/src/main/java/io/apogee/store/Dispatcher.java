package io.apogee.store;

import io.apogee.store.index.MessageIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Follows the commit log and writes one consume-queue unit per record, adds the record to the message index
 * (except rolled-back transactional messages: sysFlag transaction type 0xC), then tells the arrival listener.
 *
 * <p>Threads: one dispatcher thread ("apogee-dispatch") runs {@link #run}; appenders wake it with
 * {@link #wake()} (an unpark, so a wake-up is never lost) right after each append. Before the thread starts
 * and after it stops, the owner may call {@link #dispatchUpTo} itself (recovery and close), never both at
 * once. {@link #dispatchedOffset()} is volatile and raised after each record's unit is written.
 */
final class Dispatcher implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long ERROR_PARK_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int TRANSACTION_TYPE = 0xC;
    private static final int TRANSACTION_ROLLBACK = 0xC;

    private final CommitLog commitLog;
    private final ConsumeQueueTable queues;
    private final DispatchHints hints;
    private final StoreHealth health;
    private final MessageIndex index;
    private volatile MessageArrivalListener listener;
    private volatile long dispatchedOffset;
    private volatile long lastStoreTimestamp;
    /** Offset of the invalid record dispatching stopped at, or -1. Written by the dispatching thread only. */
    private volatile long stoppedAt = -1;
    private final StoreThread worker = new StoreThread("apogee-dispatch", this);

    Dispatcher(CommitLog commitLog, ConsumeQueueTable queues, DispatchHints hints, StoreHealth health,
               MessageIndex index) {
        this.commitLog = commitLog;
        this.queues = queues;
        this.hints = hints;
        this.health = health;
        this.index = index;
    }

    void listener(MessageArrivalListener listener) {
        this.listener = listener;
    }

    /** Commit-log offset below which every record has its consume-queue unit. */
    long dispatchedOffset() {
        return dispatchedOffset;
    }

    /** Store time of the last dispatched record (0 when none since start). */
    long lastStoreTimestamp() {
        return lastStoreTimestamp;
    }

    /** Where dispatching resumes; only while the dispatcher thread is not running. */
    void startFrom(long offset) {
        dispatchedOffset = offset;
    }

    void start() {
        worker.start();
    }

    void wake() {
        worker.wake();
    }

    /** Stops the thread and waits for it; then dispatches what is left on the caller's thread. */
    void stop() throws IOException {
        stopThread();
        dispatchUpTo(commitLog.writeOffset());
    }

    /** Stops the thread and waits for it. */
    void stopThread() {
        worker.stop();
    }

    @Override
    public void run() {
        while (worker.isRunning()) {
            try {
                if (dispatchUpTo(commitLog.writeOffset()) == 0) {
                    LockSupport.parkNanos(this, IDLE_PARK_NANOS);
                }
            } catch (Throwable e) {
                LOG.error("dispatch failed at commit-log offset {}; retrying", dispatchedOffset, e);
                LockSupport.parkNanos(this, ERROR_PARK_NANOS);
            }
        }
    }

    /**
     * Writes units for every record in [dispatchedOffset, end). An invalid record (it can only come from a damaged
     * disk or a bug: appends publish complete records only) stops dispatching there for good — logged once,
     * reported to {@link StoreHealth} — instead of being skipped or read again and again; records before it stay
     * readable, and a restart runs recovery over it.
     *
     * @return number of records dispatched
     */
    int dispatchUpTo(long end) throws IOException {
        int count = 0;
        long offset = dispatchedOffset;
        while (offset < end && stoppedAt < 0) {
            MappedFile file = commitLog.files().find(offset);
            if (file == null) {
                throw new IOException("no commit-log file holds offset " + offset);
            }
            int at = (int) (offset - file.startOffset());
            ByteBuffer buf = file.buffer();
            if (at + CommitLog.BLANK_SIZE > file.size() || StoredMessage.magic(buf, at) == StoredMessage.MAGIC_BLANK) {
                offset += StoredMessage.blankLength(buf, at, file.size());
            } else {
                int size = StoredMessage.totalSize(buf, at);
                if (!StoredMessage.isPlausible(buf, at, offset, file.size())) {
                    stop(offset, size, StoredMessage.magic(buf, at));
                    break;
                }
                dispatchRecord(buf, at, offset, size);
                offset += size;
                count++;
            }
            dispatchedOffset = offset;
        }
        return count;
    }

    private void stop(long offset, int size, int magic) {
        stoppedAt = offset;
        String problem = "invalid commit-log record at offset " + offset + " (totalSize " + size + ", magic 0x"
                + Integer.toHexString(magic) + "): dispatching stopped there; messages stored from that offset on "
                + "are not delivered until the broker restarts and recovery repairs the log";
        LOG.error("{}", problem);
        health.report(problem);
    }

    private void dispatchRecord(ByteBuffer buf, int at, long phys, int size) throws IOException {
        ConsumeQueue queue = hints.take(phys);
        long tagsCode;
        if (queue != null) {
            tagsCode = hints.lastTagsCode;
        } else {
            queue = queues.getOrCreate(StoredMessage.topic(buf, at), StoredMessage.queueId(buf, at));
            tagsCode = StoredMessage.defaultTagsCode(buf, at);
        }
        long logicOffset = StoredMessage.queueOffset(buf, at);
        long storeTimestamp = StoredMessage.storeTimestamp(buf, at);
        lastStoreTimestamp = storeTimestamp;
        if (queue.putUnit(logicOffset, phys, size, tagsCode)) {
            notifyListener(queue, logicOffset, tagsCode, storeTimestamp);
        }
        indexRecord(buf, at, phys, storeTimestamp);
    }

    /** Hands the record's topic and properties (as byte ranges, see {@link StoredMessage}) to the index. */
    private void indexRecord(ByteBuffer buf, int at, long phys, long storeTimestamp) {
        int sysFlag = StoredMessage.sysFlag(buf, at);
        if ((sysFlag & TRANSACTION_TYPE) == TRANSACTION_ROLLBACK) {
            return;
        }
        int bodyLengthAt = at + StoredMessage.bodyLengthOffset(sysFlag);
        int topicLengthAt = bodyLengthAt + 4 + buf.getInt(bodyLengthAt);
        boolean v2 = StoredMessage.magic(buf, at) == StoredMessage.MAGIC_V2;
        int topicLength = v2 ? buf.getShort(topicLengthAt) & 0xFFFF : buf.get(topicLengthAt) & 0xFF;
        int topicAt = topicLengthAt + (v2 ? 2 : 1);
        int propsLengthAt = topicAt + topicLength;
        index.add(buf, topicAt, topicLength, propsLengthAt + 2, buf.getShort(propsLengthAt) & 0xFFFF, phys,
                storeTimestamp);
    }

    private void notifyListener(ConsumeQueue queue, long logicOffset, long tagsCode, long storeTimestamp) {
        MessageArrivalListener l = listener;
        if (l == null) {
            return;
        }
        try {
            l.arrived(queue.topic(), queue.queueId(), logicOffset, tagsCode, storeTimestamp);
        } catch (RuntimeException e) {
            LOG.warn("arrival listener failed for {}/{} offset {}", queue.topic(), queue.queueId(), logicOffset, e);
        }
    }
}
