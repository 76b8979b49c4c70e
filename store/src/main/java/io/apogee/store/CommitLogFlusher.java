package io.apogee.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Forces the commit log to disk on its own thread ("apogee-flush-commitlog").
 *
 * <p>ASYNC_FLUSH: every {@code flushIntervalCommitLog} ms, when at least {@code flushCommitLogLeastPages}
 * pages are dirty (or 10 s have passed), forces everything up to the current write offset.
 *
 * <p>SYNC_FLUSH (group commit): a put registers a waiter for the end of its records and wakes the thread; the
 * thread forces once up to the current write offset, which covers every waiter registered before the write
 * offset was read, and completes all of them with PUT_OK. Waiters pile up while a force runs, so many
 * concurrent puts share one force. A waiter not completed within {@code syncFlushTimeout} is completed with
 * FLUSH_DISK_TIMEOUT by the future's own timer; whichever completion comes first wins, so a put can never
 * report PUT_OK without its force.
 *
 * <p>Threads: waiters go through a lock-free queue; {@link #flushedOffset()} and the flush count are
 * published atomically after each force.
 */
final class CommitLogFlusher implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(CommitLogFlusher.class);
    private static final int PAGE_SIZE = 4096;
    private static final long THOROUGH_INTERVAL_MS = 10_000;

    private final CommitLog commitLog;
    private final boolean sync;
    private final long intervalNanos;
    private final long leastBytes;
    private final long syncTimeoutMs;
    private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();
    private final AtomicLong flushCount = new AtomicLong();
    private volatile long flushedOffset;
    private volatile boolean stalled;
    private final StoreThread worker = new StoreThread("apogee-flush-commitlog", this);
    private long lastThoroughFlush = System.currentTimeMillis();

    CommitLogFlusher(CommitLog commitLog, MessageStoreConfig config) {
        this.commitLog = commitLog;
        this.sync = config.flushDiskType == FlushDiskType.SYNC_FLUSH;
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(config.flushIntervalCommitLog);
        this.leastBytes = (long) config.flushCommitLogLeastPages * PAGE_SIZE;
        this.syncTimeoutMs = config.syncFlushTimeout;
    }

    long flushedOffset() {
        return flushedOffset;
    }

    long flushCount() {
        return flushCount.get();
    }

    /** Where the durable part of the log ends after recovery. */
    void recovered(long offset) {
        flushedOffset = offset;
    }

    /** Test hook: while stalled the thread does not force, so SYNC_FLUSH puts time out. */
    void stall(boolean stall) {
        this.stalled = stall;
        wake();
    }

    void start() {
        worker.start();
    }

    /**
     * SYNC_FLUSH: a future completed with {@code appended} once its records are on disk, or with
     * FLUSH_DISK_TIMEOUT after {@code syncFlushTimeout} ms. ASYNC_FLUSH: {@code appended} at once.
     */
    CompletableFuture<PutResult> durable(PutResult appended) {
        if (!sync) {
            return CompletableFuture.completedFuture(appended);
        }
        long end = appended.wroteOffset() + appended.wroteBytes();
        CompletableFuture<PutResult> future = new CompletableFuture<>();
        if (end <= flushedOffset) {
            future.complete(appended);
            return future;
        }
        future.completeOnTimeout(appended.withStatus(PutStatus.FLUSH_DISK_TIMEOUT,
                "not flushed to disk within syncFlushTimeout=" + syncTimeoutMs + " ms"), syncTimeoutMs,
                TimeUnit.MILLISECONDS);
        waiters.add(new Waiter(end, future, appended));
        wake();
        return future;
    }

    /** Stops the thread, then forces everything and completes every waiter (caller's thread). */
    void stop() {
        worker.stop();
        stalled = false;
        flushTo(commitLog.writeOffset());
        completeWaiters();
    }

    @Override
    public void run() {
        while (worker.isRunning()) {
            try {
                if (sync && !waiters.isEmpty() && !stalled) {
                    flushTo(commitLog.writeOffset());
                    completeWaiters();
                } else {
                    LockSupport.parkNanos(this, intervalNanos);
                    if (!stalled) {
                        periodicFlush();
                    }
                }
            } catch (Throwable e) {
                LOG.error("commit-log flush failed", e);
                LockSupport.parkNanos(this, intervalNanos);
            }
        }
    }

    private void wake() {
        worker.wake();
    }

    private void periodicFlush() {
        long target = commitLog.writeOffset();
        long now = System.currentTimeMillis();
        boolean thorough = now - lastThoroughFlush >= THOROUGH_INTERVAL_MS;
        if (target - flushedOffset >= Math.max(1, leastBytes) || (thorough && target > flushedOffset)) {
            flushTo(target);
        }
        if (thorough) {
            lastThoroughFlush = now;
        }
        if (sync) {
            completeWaiters();
        }
    }

    private void flushTo(long target) {
        long from = flushedOffset;
        if (target <= from) {
            return;
        }
        commitLog.files().force(from, target);
        flushCount.incrementAndGet();
        flushedOffset = target;
    }

    /** Completes waiters covered by the flushed offset; timed-out ones stay until forced, so their data is. */
    private void completeWaiters() {
        long flushed = flushedOffset;
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            if (w.end <= flushed) {
                w.future.complete(w.result);
                it.remove();
            }
        }
    }

    private record Waiter(long end, CompletableFuture<PutResult> future, PutResult result) {
    }
}
