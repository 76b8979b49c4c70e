package io.apogee.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
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

    /** Forces bytes [from, to) of this file to disk. */
    void force(int from, int to) {
        if (to > from) {
            buffer.force(from, to - from);
        }
    }

    /** Zeros [from, size) of the file, writing only where a non-zero byte is found (keeps sparse files sparse). */
    void zeroFrom(int from) {
        int pos = from;
        while (pos < size && (pos & 7) != 0) {
            zeroByte(pos++);
        }
        for (; pos + 8 <= size; pos += 8) {
            if (buffer.getLong(pos) != 0) {
                buffer.putLong(pos, 0);
            }
        }
        while (pos < size) {
            zeroByte(pos++);
        }
    }

    private void zeroByte(int pos) {
        if (buffer.get(pos) != 0) {
            buffer.put(pos, (byte) 0);
        }
    }

    void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a channel of a mapped file has nothing left to report
        }
    }

    void delete() throws IOException {
        close();
        Files.deleteIfExists(path);
    }
}
