package io.apogee.store.timer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The timer log: where pending timers live, so that the broker's memory does not grow with their number. An
 * append-only sequence of fixed-size entries in segment files {@code timerlog/<20-digit start position>}, each
 * {@code segmentBytes} long. Positions are global byte positions; an entry never straddles two segments.
 *
 * <pre>
 * segment header (the first 40 bytes of every segment)
 *  0 int32 magic 0x41544C31 ("ATL1")
 *  4 int32 0
 *  8 int64 the wheel's cursor second when the segment was started (see {@link #deleteDeadSegments})
 * 16 24 bytes 0
 *
 * entry (40 bytes, big-endian), see {@link TimerEntry}
 *  0 int64 prev            position of the previous entry of the same wheel slot, -1 for none
 *  8 int64 deliverMs       when to deliver (epoch ms)
 * 16 int64 commitLogOffset of the timer-topic record
 * 24 int64 queueOffset     of that record in the timer topic's queue
 * 32 int32 size            of that record
 * 36 int32 kind | 0x5A000000   (the high byte tells a written entry from zeros)
 * </pre>
 *
 * Entries are written with positional {@link FileChannel} writes, not mapped, so pending timers cost page cache,
 * not the broker's resident memory; a write survives a crash of the process ({@code kill -9}) once it returned.
 * Which entries are live is the {@link TimerWheel}'s business: the log only appends, reads and drops whole old
 * segments.
 *
 * <p>Not thread-safe: owned by the one timer thread.
 */
public final class TimerLog implements AutoCloseable {

    /** Bytes of an entry and of a segment header. */
    public static final int ENTRY_BYTES = 40;
    private static final int MAGIC = 0x41544C31;
    private static final int WRITTEN = 0x5A000000;

    private final Path dir;
    private final long segmentBytes;
    private final TreeMap<Long, FileChannel> segments = new TreeMap<>();
    private final ByteBuffer buf = ByteBuffer.allocateDirect(ENTRY_BYTES);
    private long end;

    /**
     * Opens the log in {@code dir} (created when missing). {@code segmentBytes} must be a multiple of
     * {@value #ENTRY_BYTES} holding at least one entry.
     */
    public TimerLog(Path dir, long segmentBytes) throws IOException {
        if (segmentBytes % ENTRY_BYTES != 0 || segmentBytes < 2 * ENTRY_BYTES) {
            throw new IllegalArgumentException("timer log segment size must be a multiple of " + ENTRY_BYTES
                    + " bytes holding at least one entry: " + segmentBytes);
        }
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (name.length() == 20 && name.chars().allMatch(Character::isDigit)) {
                    segments.put(Long.parseLong(name), FileChannel.open(p, StandardOpenOption.READ,
                            StandardOpenOption.WRITE));
                }
            }
        }
    }

    /**
     * Makes {@code end} the next append position: segments starting at or after it are deleted (what was written
     * there after the last recorded end is not part of the log).
     */
    public void truncateTo(long end) throws IOException {
        while (!segments.isEmpty() && segments.lastKey() >= end) {
            Map.Entry<Long, FileChannel> last = segments.pollLastEntry();
            last.getValue().close();
            Files.deleteIfExists(file(last.getKey()));
        }
        this.end = end;
    }

    /** Where the next append at {@code end} puts its entry (past a segment header at a segment boundary). */
    public long entryPositionAt(long end) {
        return end % segmentBytes == 0 ? end + ENTRY_BYTES : end;
    }

    /** The next append position. */
    public long end() {
        return end;
    }

    /** Appends {@code e} (its {@code prev} included), returns its position; cursorSecond labels new segments. */
    public long append(TimerEntry e, long cursorSecond) throws IOException {
        long pos = end;
        if (pos % segmentBytes == 0) {
            startSegment(pos, cursorSecond);
            pos += ENTRY_BYTES;
        }
        FileChannel ch = segments.get(pos - pos % segmentBytes);
        buf.clear();
        buf.putLong(e.prev).putLong(e.deliverMs).putLong(e.commitLogOffset).putLong(e.queueOffset)
                .putInt(e.size).putInt(WRITTEN | e.kind).flip();
        writeFully(ch, pos % segmentBytes);
        end = pos + ENTRY_BYTES;
        return pos;
    }

    /** Reads the entry at {@code pos} into {@code out}; false when nothing was written there. */
    public boolean read(long pos, TimerEntry out) {
        FileChannel ch = pos < 0 ? null : segments.get(pos - pos % segmentBytes);
        if (ch == null || pos % segmentBytes == 0) {
            return false;
        }
        buf.clear();
        try {
            while (buf.hasRemaining()) {
                if (ch.read(buf, pos % segmentBytes + buf.position()) < 0) {
                    return false;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the timer log at " + pos, e);
        }
        buf.flip();
        out.set(buf.getLong(0), buf.getLong(8), buf.getLong(16), buf.getLong(24), buf.getInt(32), buf.getInt(36));
        boolean written = (out.kind & 0xFF000000) == WRITTEN;
        out.kind &= 0x00FFFFFF;
        return written;
    }

    /**
     * Deletes the segments whose every entry is dead. An entry appended while the wheel's cursor was at second C
     * sits in a slot the cursor reaches before C + window, where it is delivered or rolled into a new entry; so a
     * segment is dead once the cursor has passed its successor's start label + window. The newest segment is kept.
     *
     * @return the number of segments deleted
     */
    public int deleteDeadSegments(long cursorSecond, long windowSeconds) throws IOException {
        int deleted = 0;
        while (segments.size() > 1) {
            Long oldest = segments.firstKey();
            Long next = segments.higherKey(oldest);
            if (label(next) + windowSeconds + 1 > cursorSecond) {
                break;
            }
            segments.remove(oldest).close();
            Files.deleteIfExists(file(oldest));
            deleted++;
        }
        return deleted;
    }

    /** Number of segment files. */
    public int segmentCount() {
        return segments.size();
    }

    /** Forces every segment to the device. */
    public void force() throws IOException {
        for (FileChannel ch : segments.values()) {
            ch.force(false);
        }
    }

    @Override
    public void close() throws IOException {
        for (FileChannel ch : segments.values()) {
            ch.close();
        }
        segments.clear();
    }

    private void startSegment(long start, long cursorSecond) throws IOException {
        FileChannel ch = FileChannel.open(file(start), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        segments.put(start, ch);
        buf.clear();
        buf.putInt(MAGIC).putInt(0).putLong(cursorSecond).putLong(0).putLong(0).putLong(0).flip();
        writeFully(ch, 0);
    }

    private long label(long start) throws IOException {
        buf.clear();
        FileChannel ch = segments.get(start);
        while (buf.hasRemaining() && ch.read(buf, buf.position()) >= 0) {
            continue;
        }
        return buf.getInt(0) == MAGIC ? buf.getLong(8) : Long.MAX_VALUE / 2;
    }

    private void writeFully(FileChannel ch, long at) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf, at + buf.position());
        }
    }

    private Path file(long start) {
        return dir.resolve(String.format("%020d", start));
    }
}
