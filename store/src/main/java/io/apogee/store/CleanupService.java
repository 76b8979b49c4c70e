package io.apogee.store;

import io.apogee.store.index.MessageIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Every {@code cleanResourceInterval} ms (thread "apogee-clean") runs one cleanup round:
 * <ol>
 *   <li>reads the usage of the commit-log partition and feeds it to the {@link DiskSpaceGuard}
 *       (disk-full protection);</li>
 *   <li>deletes old commit-log files as the {@link CommitLogCleaner} decides (expired files in the
 *       {@code deleteWhen} hours, or early when the disk is fuller than {@code diskMaxUsedSpaceRatio});</li>
 *   <li>moves every consume queue's min offset to its first unit whose record is still in the commit log and
 *       deletes the queue's files lying wholly below it (never a queue's last file, which fixes its max
 *       offset across restarts);</li>
 *   <li>deletes the message-index files whose records all lie below the commit log's min offset (never the
 *       newest index file);</li>
 *   <li>after deleting anything, reads the usage again for the guard; if the disk is still full, requests
 *       a garbage collection, because the blocks of a deleted file are freed only when its mapping is
 *       collected (files are never unmapped explicitly, so readers holding slices stay safe).</li>
 * </ol>
 *
 * <p>Threads: rounds run on the cleanup thread, or on a caller of {@link #runRound()} (tests); rounds are
 * serialized by this object's monitor. The file lists it shrinks are guarded as described on
 * {@link MappedFileQueue}.
 */
final class CleanupService implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(CleanupService.class);

    private final CommitLog commitLog;
    private final ConsumeQueueTable queues;
    private final MessageIndex index;
    private final DiskUsage diskUsage;
    private final Path commitLogDir;
    private final DiskSpaceGuard guard;
    private final CommitLogCleaner commitLogCleaner;
    private final long intervalNanos;
    private final StoreThread worker = new StoreThread("apogee-clean", this);
    private volatile QueueTrimListener trimListener = QueueTrimListener.NONE;

    /**
     * @param safeEnd commit-log offset below which records are dispatched and flushed (files ending above it
     *                stay)
     */
    CleanupService(MessageStoreConfig config, CommitLog commitLog, ConsumeQueueTable queues, MessageIndex index,
                   LongSupplier safeEnd, DiskUsage diskUsage, DiskSpaceGuard guard, Clock clock) {
        this.commitLog = commitLog;
        this.queues = queues;
        this.index = index;
        this.diskUsage = diskUsage;
        this.commitLogDir = config.commitLogDir();
        this.guard = guard;
        this.commitLogCleaner = new CommitLogCleaner(commitLog.files(), safeEnd, clock, config);
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(config.cleanResourceInterval);
    }

    DiskSpaceGuard guard() {
        return guard;
    }

    /** Sets who is told about trimmed queues (see {@link QueueTrimListener}). */
    void setTrimListener(QueueTrimListener listener) {
        this.trimListener = listener;
    }

    /** Reads the disk usage once for the guard (at start, before puts are accepted). */
    synchronized void checkDisk() {
        DiskUsage.Reading usage = readUsage();
        if (usage != null) {
            guard.update(usage.percent());
        }
    }

    void start() {
        worker.start();
    }

    void stop() {
        worker.stop();
    }

    @Override
    public void run() {
        while (worker.isRunning()) {
            LockSupport.parkNanos(this, intervalNanos);
            if (!worker.isRunning()) {
                return;
            }
            try {
                runRound();
            } catch (Throwable e) {
                LOG.error("cleanup round failed", e);
            }
        }
    }

    /** One cleanup round (see the class comment). */
    synchronized void runRound() {
        DiskUsage.Reading usage = readUsage();
        if (usage != null) {
            guard.update(usage.percent());
        }
        CommitLogCleaner.Deleted deleted = commitLogCleaner.clean(usage);
        trimQueues(deleted.forcedFiles() > 0 ? QueueTrimListener.Cause.FORCED : QueueTrimListener.Cause.EXPIRED);
        index.deleteBelow(commitLog.minOffset());
        if (deleted.files() > 0) {
            checkDisk();
            if (guard.refusal() != null) {
                // A deleted file's blocks are freed only when its mapping is garbage-collected (files are not
                // unmapped explicitly); while puts are refused, ask for that collection now.
                LOG.warn("disk still full after deleting {} commit-log files; requesting a GC to release their "
                        + "mappings", deleted.files());
                System.gc();
            }
        }
    }

    /** Moves every queue's min offset past the deleted commit-log files and tells the trim listener. */
    private void trimQueues(QueueTrimListener.Cause cause) {
        long commitLogMin = commitLog.minOffset();
        QueueTrimListener listener = trimListener;
        queues.forEach(q -> {
            long before = q.minOffset();
            int dropped = q.dropUnitsBelow(commitLogMin);
            long after = q.minOffset();
            if (dropped > 0) {
                LOG.info("consume queue {}/{}: deleted {} files; min offset now {} (commit log starts at {})",
                        q.topic(), q.queueId(), dropped, after, commitLogMin);
            }
            if (after > before) {
                try {
                    listener.trimmed(q.topic(), q.queueId(), before, after, cause);
                } catch (RuntimeException e) {
                    LOG.warn("the trim listener failed for {}/{}", q.topic(), q.queueId(), e);
                }
            }
        });
    }

    /** The commit-log partition's usage, or null (logged) when it cannot be read. */
    private DiskUsage.Reading readUsage() {
        try {
            return diskUsage.read(commitLogDir);
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot read the disk usage of {}", commitLogDir, e);
            return null;
        }
    }
}
