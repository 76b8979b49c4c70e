package io.apogee.store;

import io.apogee.common.io.MappedChannels;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One fixed-size file mapped into memory, named by the 20-digit offset of its first byte in its log
 * (e.g. {@code 00000000000000065536}).
 *
 * <p>Threads: exactly one writer at a time (the commit-log appender under its lock, or the dispatcher for a
 * consume queue) writes with absolute puts; readers read with absolute gets below an offset the writer
 * published through a volatile field of the owning log, which orders the writes before the reads.
 * The mapping is never unmapped explicitly (a reader may still hold a slice of it); it goes away with the
 * garbage collector after {@link #close()}.
 */
final class MappedFile {

    /** Source of zeros for {@link #allocate}; only duplicates are read, never the buffer itself. */
    private static final int SCAN_WINDOW = 1024 * 1024;
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(256 * 1024).asReadOnlyBuffer();

    private final Path path;
    private final long startOffset;
    private final int size;
    private final FileChannel channel;
    private final MappedByteBuffer buffer;
    private final ByteBuffer readOnly;
    /** Bytes in use from the start of the file; only meaningful for the file being appended to. */
    private volatile int wrotePosition;

    private MappedFile(Path path, long startOffset, int size, FileChannel channel, MappedByteBuffer buffer) {
        this.path = path;
        this.startOffset = startOffset;
        this.size = size;
        this.channel = channel;
        this.buffer = buffer;
        this.readOnly = buffer.asReadOnlyBuffer();
    }

    /** Opens (creating if needed) and maps the file; a shorter file is extended with zeros. */
    static MappedFile open(Path path, long startOffset, int size) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            return new MappedFile(path, startOffset, size, channel,
                    channel.map(FileChannel.MapMode.READ_WRITE, 0, size));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    static String fileName(long startOffset) {
        String digits = Long.toString(startOffset);
        return "0".repeat(Math.max(0, 20 - digits.length())) + digits;
    }

    Path path() {
        return path;
    }

    long startOffset() {
        return startOffset;
    }

    long endOffset() {
        return startOffset + size;
    }

    int size() {
        return size;
    }

    /** The writable mapping; use absolute gets and puts only. */
    ByteBuffer buffer() {
        return buffer;
    }

    /** A read-only view of {@code length} bytes at {@code position}; shares the mapped memory. */
    ByteBuffer slice(int position, int length) {
        return readOnly.slice(position, length);
    }

    int wrotePosition() {
        return wrotePosition;
    }

    void wrotePosition(int position) {
        this.wrotePosition = position;
    }

    boolean contains(long offset) {
        return offset >= startOffset && offset < startOffset + size;
    }

    /**
     * Allocates bytes [from, to) of the file on disk by writing zeros through the file channel (not the
     * mapping), so that later writes into the mapping there cannot fault for lack of space; a full disk shows
     * here as an IOException instead. Only for a range nobody writes through the mapping yet.
     */
    void allocate(int from, int to) throws IOException {
        int pos = from;
        while (pos < to) {
            ByteBuffer zeros = ZEROS.duplicate();
            zeros.limit(Math.min(zeros.capacity(), to - pos));
            pos += channel.write(zeros, pos);
        }
    }

    /**
     * Writes a BLANK header ({@code int32 length, int32 MAGIC_BLANK}) at {@code at} through the file channel, so
     * that marking a gap in a possibly unallocated region shows a full disk as an IOException, not a fault.
     */
    void writeBlank(int at, int length) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(CommitLog.BLANK_SIZE).putInt(length).putInt(StoredMessage.MAGIC_BLANK)
                .flip();
        int pos = at;
        while (header.hasRemaining()) {
            pos += channel.write(header, pos);
        }
    }

    /** Forces bytes [from, to) of this file to disk. */
    void force(int from, int to) {
        if (to > from) {
            buffer.force(from, to - from);
        }
    }

    /**
     * Zeros [from, size) of the file: only below {@link #dataEnd()}, and only where a non-zero byte is found
     * (keeps sparse files sparse).
     */
    void zeroFrom(int from) throws IOException {
        int end = dataEnd();
        int pos = from;
        while (pos < end && (pos & 7) != 0) {
            zeroByte(pos++);
        }
        for (; pos + 8 <= end; pos += 8) {
            if (buffer.getLong(pos) != 0) {
                buffer.putLong(pos, 0);
            }
        }
        while (pos < end) {
            zeroByte(pos++);
        }
    }

    /**
     * Position after the last non-zero byte of the file (0 for an all-zero file), found by reading backwards
     * through the file channel, not the mapping: reading an unallocated page of a mapping allocates it on
     * tmpfs (and faults when the file system is full), while reading a hole through the channel does not.
     * Recovery and loading look only below this position, so they never touch the sparse rest of a file.
     */
    int dataEnd() throws IOException {
        ByteBuffer window = ByteBuffer.allocate(Math.min(size, SCAN_WINDOW));
        int end = size;
        while (end > 0) {
            int start = Math.max(0, end - window.capacity());
            window.clear().limit(end - start);
            int pos = start;
            while (window.hasRemaining()) {
                int n = channel.read(window, pos);
                if (n < 0) {
                    break; // past the end of a short file: the rest reads as zeros
                }
                pos += n;
            }
            for (int i = window.position() - 1; i >= 0; i--) {
                if (window.get(i) != 0) {
                    return start + i + 1;
                }
            }
            end = start;
        }
        return 0;
    }

    private void zeroByte(int pos) {
        if (buffer.get(pos) != 0) {
            buffer.put(pos, (byte) 0);
        }
    }

    void close() {
        MappedChannels.close(channel);
    }

    void delete() throws IOException {
        MappedChannels.delete(channel, path);
    }
}
