package io.apogee.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Keeps the commit log's next bytes allocated on disk ahead of the appender, so that an append never writes into
 * a page the file system has not allocated: on a full disk such a write faults (SIGBUS, which the JVM turns into an
 * {@code InternalError} some time after the write), where a write through the file channel fails cleanly with
 * "No space left on device".
 *
 * <p>The thread "apogee-space" zero-fills the range {@code [preparedEnd, writeOffset + commitLogPrepareAheadBytes)}
 * through the file channel, 4 KiB-aligned and in chunks, creating the next commit-log file when the range reaches
 * it, and raises {@link #preparedEnd()} after each chunk. Before each chunk it reads the partition's free space and
 * stops while the chunk would leave less than {@code diskFreeReserveBytes} free: that reserve is for the consume
 * queues, the checkpoint and the broker's metadata files, which are written without preparation. Each reading also
 * feeds the {@link DiskSpaceGuard} (the {@code diskSpaceWarningLevelRatio} refusal), so the guard sees a filling
 * disk within {@value #CHECK_MILLIS} ms rather than at the next cleanup round.
 *
 * <p>The appender only compares the end of a record with {@link #preparedEnd()} (one volatile read): a record that
 * would end beyond it is refused with {@link #refusal()}, which names the directory, the free bytes and the reserve
 * when the disk is full. Writes resume by themselves once space is freed: the thread keeps checking every
 * {@value #CHECK_MILLIS} ms.
 *
 * <p>Threads: one space thread runs {@link #run}; {@link #prepareNow} runs on the store's owner before the thread
 * starts. Appenders read the volatile {@code preparedEnd} and {@code refusal}, call {@link #wake()}, and call
 * {@link #prepareUpTo} themselves when the thread has fallen behind; chunks are allocated one at a time under this
 * object's monitor. Files are created under the {@link MappedFileQueue}'s monitor.
 */
final class CommitLogSpace implements Runnable {

    static final long CHECK_MILLIS = 200;
    private static final Logger LOG = LoggerFactory.getLogger(CommitLogSpace.class);
    private static final int PAGE = 4096;
    private static final int CHUNK = 1 << 20;
    private static final PutResult PREPARING = PutResult.failure(PutStatus.SERVICE_NOT_AVAILABLE,
            "the commit log's next bytes are still being allocated on disk; retry");

    private final MappedFileQueue files;
    private final LongSupplier writeOffset;
    private final DiskUsage diskUsage;
    private final DiskSpaceGuard guard;
    private final long aheadBytes;
    private final long reserveBytes;
    private final StoreThread worker = new StoreThread("apogee-space", this);
    private volatile long preparedEnd;
    /** What to answer a put that needs unprepared space: {@link #PREPARING} or a disk-full reason. */
    private volatile PutResult refusal = PREPARING;

    /**
     * How the space is kept.
     *
     * @param diskUsage    reads the partition's usage
     * @param guard        fed with every reading (the {@code diskSpaceWarningLevelRatio} refusal)
     * @param aheadBytes   {@code commitLogPrepareAheadBytes}
     * @param reserveBytes {@code diskFreeReserveBytes}
     */
    record Settings(DiskUsage diskUsage, DiskSpaceGuard guard, long aheadBytes, long reserveBytes) {

        static Settings of(MessageStoreConfig config, DiskUsage diskUsage, DiskSpaceGuard guard) {
            return new Settings(diskUsage, guard, config.commitLogPrepareAheadBytes, config.diskFreeReserveBytes);
        }
    }

    CommitLogSpace(MappedFileQueue files, LongSupplier writeOffset, Settings settings) {
        this.files = files;
        this.writeOffset = writeOffset;
        this.diskUsage = settings.diskUsage();
        this.guard = settings.guard();
        this.aheadBytes = Math.max(settings.aheadBytes(), PAGE);
        this.reserveBytes = settings.reserveBytes();
    }

    /** Commit-log offset below which every byte is allocated on disk (and its file exists). */
    long preparedEnd() {
        return preparedEnd;
    }

    /** Why a put that needs bytes beyond {@link #preparedEnd()} is refused. */
    PutResult refusal() {
        return refusal;
    }

    /** Sets where preparation starts (the recovered end); before {@link #prepareNow} and the thread only. */
    void recovered(long end) {
        preparedEnd = end;
    }

    void start() {
        worker.start();
    }

    void stop() {
        worker.stop();
    }

    /** Asks the space thread to prepare more now (appenders call it when less than half the window is left). */
    void wake() {
        worker.wake();
    }

    /** Half the window: appenders wake the thread when less than this is prepared ahead of them. */
    long lowWater() {
        return aheadBytes / 2;
    }

    @Override
    public void run() {
        while (worker.isRunning()) {
            try {
                prepareNow();
            } catch (Throwable t) {
                LOG.error("preparing commit-log space failed; retrying", t);
            }
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(CHECK_MILLIS));
        }
    }

    /** Reads the disk and prepares the window ahead of the write offset as far as the reserve allows. */
    void prepareNow() {
        prepare(alignUp(writeOffset.getAsLong() + aheadBytes));
    }

    /**
     * Prepares at least up to {@code end} on the caller's thread: the appender calls it when the space thread has
     * fallen behind (a burst larger than half the window); the disk has room, so this writes a few zero pages.
     *
     * @return true when bytes up to {@code end} are allocated; false when the disk is full ({@link #refusal()})
     */
    boolean prepareUpTo(long end) {
        if (refusal != PREPARING) {
            return false;
        }
        prepare(alignUp(end));
        return preparedEnd >= end;
    }

    private void prepare(long target) {
        DiskUsage.Reading usage = read();
        while (preparedEnd < target) {
            long free = usage == null ? Long.MAX_VALUE : usage.freeBytes();
            long grown = prepareChunk(target, free);
            if (grown < 0) {
                return;
            }
            if (usage != null) {
                usage = usage.plus(grown);
            }
        }
        if (refusal != PREPARING) {
            LOG.warn("commit-log space available again in {}: prepared up to offset {}", files.dir(), preparedEnd);
            refusal = PREPARING;
        }
    }

    /**
     * Allocates the next chunk towards {@code target} (one at a time: the space thread and an appender may both
     * prepare). Returns the bytes allocated, or -1 when the disk is full.
     */
    private synchronized long prepareChunk(long target, long free) {
        long from = preparedEnd;
        long chunk = Math.min(CHUNK, target - from);
        if (chunk <= 0) {
            return 0;
        }
        if (free - chunk < reserveBytes) {
            diskFull(from, free);
            return -1;
        }
        try {
            preparedEnd = allocate(from, chunk);
            return preparedEnd - from;
        } catch (IOException e) {
            allocationFailed(from, e, free);
            return -1;
        }
    }

    /** Allocates [from, from + length) clipped to the file holding {@code from}; returns the new prepared end. */
    private long allocate(long from, long length) throws IOException {
        MappedFile file = files.find(from);
        if (file == null) {
            MappedFile last = files.last();
            file = files.create(last == null ? from - from % files.fileSize() : last.endOffset());
        }
        int at = (int) (from - file.startOffset());
        int to = (int) Math.min(file.size(), at + length);
        file.allocate(at, to);
        return file.startOffset() + to;
    }

    private DiskUsage.Reading read() {
        try {
            DiskUsage.Reading usage = diskUsage.read(files.dir());
            guard.update(usage.percent());
            return usage;
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot read the disk usage of {}", files.dir(), e);
            return null;
        }
    }

    private void diskFull(long at, long free) {
        String reason = String.format(Locale.ROOT, "disk full: %d bytes free on the partition holding %s, "
                + "diskFreeReserveBytes=%d; the commit log cannot grow beyond offset %d; puts resume when space "
                + "is freed", free, files.dir(), reserveBytes, at);
        refuse(reason);
    }

    private void allocationFailed(long at, IOException e, long free) {
        refuse(String.format(Locale.ROOT, "cannot allocate commit-log space at offset %d in %s (%s); %d bytes "
                + "free on the partition; puts resume when space is freed", at, files.dir(), e.getMessage(), free));
    }

    private void refuse(String reason) {
        if (refusal == PREPARING) {
            LOG.error("{}", reason);
        }
        refusal = PutResult.failure(PutStatus.SERVICE_NOT_AVAILABLE, reason);
    }

    private static long alignUp(long offset) {
        return (offset + PAGE - 1) & -PAGE;
    }
}
