package io.apogee.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The index of one (topic, queueId): unit n describes the message with logical queue offset n.
 *
 * <h2>On disk</h2>
 * Files {@code <consumequeue>/<topic>/<queueId>/<20-digit byte offset>} of {@code mapedFileSizeConsumeQueue}
 * bytes (a multiple of 20), holding 20-byte big-endian units:
 * <pre>
 *  0 int64 commitLogOffset   physical offset of the record
 *  8 int32 size              record length (0 = hole, never written by a healthy store)
 * 12 int64 tagsCode          usually TAGS.hashCode(), 0 without tag
 * </pre>
 * Unit n sits at byte 20·n of the queue (file = n·20 / fileSize), so a queue whose first files were deleted
 * still knows its offsets from the remaining file names. An all-zero unit after the last written one marks
 * the end. Units of a queue point at increasing commit-log offsets.
 *
 * <p>When the commit log loses its oldest files, {@link #dropUnitsBelow} raises the min offset to the first
 * unit whose record is still there and deletes the files lying wholly below it, except the last file (whose
 * name and units give the max offset after a restart).
 *
 * <p>Units are written only into space allocated on disk through the file channel, 64 KiB ahead at a time, so a
 * full disk makes {@link #putUnit} fail with an IOException (the dispatcher retries) instead of faulting.
 *
 * <p>Threads: units are written only by the dispatcher (or recovery before the store's threads start); the
 * unit bytes are written before {@link #maxOffset} (volatile) is raised, so a reader that reads
 * {@code maxOffset} first sees complete units below it. The min offset (volatile) is raised and head files
 * are deleted only by the cleanup thread (or recovery); the file list is guarded as described on
 * {@link MappedFileQueue}, and a reader that finds a unit's file gone treats the unit as removed.
 * {@link #nextAssignOffset} belongs to the commit-log appender and is only touched under the append lock.
 */
final class ConsumeQueue {

    static final int UNIT_SIZE = 20;
    /** Units are written only into allocated space: the next 64 KiB (3,276 units) are allocated at a time. */
    private static final int ALLOCATE_AHEAD = 64 * 1024;

    private final String topic;
    private final int queueId;
    private final MappedFileQueue files;
    private volatile long maxOffset;
    private volatile long flushedBytes;
    /** No unit below this points at a record still in the commit log; raised by {@link #dropUnitsBelow}. */
    private volatile long minLogicOffset;
    /** Next logical offset the appender hands out; guarded by the commit-log append lock. */
    long nextAssignOffset;
    /** Byte position below which the queue's files are allocated on disk. Dispatching thread only. */
    private long allocatedEnd;

    ConsumeQueue(String topic, int queueId, Path dir, int fileSize) {
        this.topic = topic;
        this.queueId = queueId;
        this.files = new MappedFileQueue(dir, fileSize);
    }

    String topic() {
        return topic;
    }

    int queueId() {
        return queueId;
    }

    /** Number of units written (the next logical offset to be dispatched). */
    long maxOffset() {
        return maxOffset;
    }

    /** First logical offset whose unit is on disk and whose record is still in the commit log. */
    long minOffset() {
        return Math.min(Math.max(minLogicOffset, firstUnitOnDisk()), maxOffset);
    }

    /** First logical offset of the first file (the max offset when there is no file). */
    private long firstUnitOnDisk() {
        long first = files.minOffset();
        return first < 0 ? maxOffset : first / UNIT_SIZE;
    }

    /**
     * Raises the min offset to the first unit whose record starts at or above {@code commitLogMin} (binary
     * search: units point at increasing offsets), then deletes the files lying wholly below it, never the last.
     *
     * @return number of files deleted
     */
    int dropUnitsBelow(long commitLogMin) {
        long lo = firstUnitAtOrAbove(commitLogMin);
        minLogicOffset = lo;
        int deleted = 0;
        MappedFile first = files.first();
        while (first != null && first.endOffset() <= lo * UNIT_SIZE && files.deleteFirst(first)) {
            deleted++;
            first = files.first();
        }
        return deleted;
    }

    /** The first unit whose record starts at or above {@code commitLogOffset} (binary search); max when none. */
    private long firstUnitAtOrAbove(long commitLogOffset) {
        long lo = minOffset();
        long hi = maxOffset;
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (physicalOffsetAt(mid) >= commitLogOffset) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /**
     * Empties the units whose record starts in [from, to) — a damaged commit-log region recovery skipped — by
     * setting their size to 0, which readers treat as a missing message (recovery only).
     *
     * @return number of units emptied
     */
    int forgetUnitsIn(long from, long to) {
        int forgotten = 0;
        for (long q = firstUnitAtOrAbove(from); q < maxOffset && physicalOffsetAt(q) < to; q++) {
            MappedFile f = fileOf(q);
            f.buffer().putInt(positionIn(f, q) + 8, 0);
            forgotten++;
        }
        return forgotten;
    }

    /** Commit-log offset in unit {@code logicOffset}; -1 when its file is gone. */
    private long physicalOffsetAt(long logicOffset) {
        MappedFile f = fileOf(logicOffset);
        return f == null ? -1 : f.buffer().getLong(positionIn(f, logicOffset));
    }

    /** Maps the existing files and finds the last written unit. */
    void load() throws IOException {
        files.load();
        MappedFile last = files.last();
        long max = 0;
        if (last != null) {
            // the last unit with any non-zero byte; read through the channel (see MappedFile.dataEnd)
            max = last.startOffset() / UNIT_SIZE + (last.dataEnd() + UNIT_SIZE - 1) / UNIT_SIZE;
        }
        maxOffset = max;
        flushedBytes = max * UNIT_SIZE;
    }

    /**
     * Writes unit {@code logicOffset}. Returns false (and writes nothing) when that unit already exists,
     * which happens when recovery re-dispatches records. A unit beyond the end leaves a hole.
     */
    boolean putUnit(long logicOffset, long physicalOffset, int size, long tagsCode) throws IOException {
        if (logicOffset < maxOffset) {
            return false;
        }
        long bytePos = logicOffset * UNIT_SIZE;
        MappedFile file = files.findOrCreate(bytePos);
        int at = (int) (bytePos - file.startOffset());
        if (bytePos + UNIT_SIZE > allocatedEnd) {
            int to = Math.min(file.size(), at + ALLOCATE_AHEAD);
            file.allocate(at, to);
            allocatedEnd = file.startOffset() + to;
        }
        ByteBuffer buf = file.buffer();
        buf.putLong(at, physicalOffset);
        buf.putInt(at + 8, size);
        buf.putLong(at + 12, tagsCode);
        maxOffset = logicOffset + 1;
        return true;
    }

    /** The file holding unit {@code logicOffset}, or null when it is not on disk. */
    MappedFile fileOf(long logicOffset) {
        return files.find(logicOffset * UNIT_SIZE);
    }

    static int positionIn(MappedFile file, long logicOffset) {
        return (int) (logicOffset * UNIT_SIZE - file.startOffset());
    }

    /**
     * Drops units whose record does not lie entirely below {@code commitLogEnd} (recovery only).
     *
     * @return number of units dropped
     */
    long truncateTo(long commitLogEnd) throws IOException {
        long min = firstUnitOnDisk();
        long max = maxOffset;
        while (max > min) {
            MappedFile f = fileOf(max - 1);
            int at = positionIn(f, max - 1);
            long phys = f.buffer().getLong(at);
            int size = f.buffer().getInt(at + 8);
            if (size > 0 && phys + size <= commitLogEnd) {
                break;
            }
            max--;
        }
        long dropped = maxOffset - max;
        if (dropped > 0) {
            files.truncate(max * UNIT_SIZE);
            maxOffset = max;
            flushedBytes = Math.min(flushedBytes, max * UNIT_SIZE);
        }
        return dropped;
    }

    /** Forces everything written since the last flush. Called by one flushing thread at a time. */
    void flush() {
        long upTo = maxOffset * UNIT_SIZE;
        long from = flushedBytes;
        if (upTo > from) {
            files.force(from, upTo);
            flushedBytes = upTo;
        }
    }

    void close() {
        files.close();
    }
}
