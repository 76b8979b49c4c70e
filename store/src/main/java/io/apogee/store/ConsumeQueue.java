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
 * Unit n sits at byte 20·n of the queue (file = n·20 / fileSize). An all-zero unit after the last written
 * one marks the end.
 *
 * <p>Threads: written only by the dispatcher (or recovery before the store's threads start); the unit bytes
 * are written before {@link #maxOffset} (volatile) is raised, so a reader that reads {@code maxOffset} first
 * sees complete units below it. {@link #nextAssignOffset} belongs to the commit-log appender and is only
 * touched under the append lock.
 */
final class ConsumeQueue {

    static final int UNIT_SIZE = 20;

    private final String topic;
    private final int queueId;
    private final MappedFileQueue files;
    private volatile long maxOffset;
    private volatile long flushedBytes;
    /** Next logical offset the appender hands out; guarded by the commit-log append lock. */
    long nextAssignOffset;

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

    /** First logical offset still on disk. */
    long minOffset() {
        long first = files.minOffset();
        return first < 0 ? maxOffset : first / UNIT_SIZE;
    }

    /** Maps the existing files and finds the last written unit. */
    void load() throws IOException {
        files.load();
        MappedFile last = files.last();
        long max = 0;
        if (last != null) {
            ByteBuffer buf = last.buffer();
            int units = last.size() / UNIT_SIZE;
            int used = 0;
            for (int i = 0; i < units; i++) {
                int at = i * UNIT_SIZE;
                if (buf.getLong(at) != 0 || buf.getInt(at + 8) != 0 || buf.getLong(at + 12) != 0) {
                    used = i + 1;
                }
            }
            max = last.startOffset() / UNIT_SIZE + used;
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
        long min = minOffset();
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
