package io.apogee.store.index;

import io.apogee.common.io.MappedChannels;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.BitSet;
import java.util.function.LongPredicate;

/**
 * One message-index file, {@code index/<yyyyMMddHHmmssSSS>} (its creation time), in Apache RocketMQ's format
 * (docs/protocol/11-store-layout.md §3): a hash table of {@code slots} chains over {@code capacity} entries, mapped
 * into memory. Big-endian:
 * <pre>
 * off                        size   field
 *   0                        int64  beginTimestamp   store time of the first entry's message (ms)
 *   8                        int64  endTimestamp     store time of the last entry's message (ms)
 *  16                        int64  beginPhyOffset   commit-log offset of the first entry's message
 *  24                        int64  endPhyOffset     commit-log offset of the last entry's message
 *  32                        int32  hashSlotCount    slots in use
 *  36                        int32  indexCount       next entry number; starts at 1 (entry 0 is never used)
 *  40 + 4 * s                int32  slot s           number of the newest entry whose keyHash % slots == s, 0 = none
 *  40 + 4 * slots + 20 * n          entry n (1 .. capacity - 1):
 *                            int32    keyHash        |"topic#key".hashCode()| (Integer.MIN_VALUE gives 0)
 *                            int64    phyOffset      commit-log offset of the record
 *                            int32    timeDiff       (storeTimestamp - beginTimestamp) / 1000, in seconds, ≥ 0
 *                            int32    prevIndex      the slot's previous entry (older), 0 ends the chain
 * </pre>
 * A file holds {@code capacity - 1} entries (file size {@code 40 + 4 * slots + 20 * capacity}, 420 000 040 bytes
 * with the defaults 5 000 000 and 20 000 000). A new file starts with begin and end fields equal to the previous
 * file's end fields. Entries are appended in commit-log order; one record's keys are consecutive entries.
 * A look-up reads one slot and walks its chain from newest to oldest, so it touches only those entries.
 *
 * <p>Space on disk: the header and slots are allocated (written with zeros through the channel) when the file
 * is created, entries in {@value #ALLOCATE_CHUNK}-byte chunks ahead of the writer, so that a full disk shows as
 * an {@link IOException} on the writer instead of a fault in a mapped write; look-ups read allocated bytes only.
 * An allocation that would leave less than {@code reserveBytes} usable on the partition is refused before anything
 * is written (the commit log and metadata keep that room).
 *
 * <p>Threads: one writer (the dispatcher thread, or recovery before it starts) calls {@link #put} and
 * {@link #recordDone}; any thread may call {@link #select}. The writer writes an entry, then publishes it by
 * raising the volatile {@link #count}, then points the slot at it; a reader reads {@link #count} first and follows
 * only entries below it. {@link #snapshot()} is taken under this object's monitor, which {@link #recordDone}
 * holds while it updates the header, so a snapshot always ends on a whole record. {@link #force} may run on
 * another thread (the flusher).
 */
public final class IndexFile {

    static final int HEADER_SIZE = 40;
    static final int SLOT_SIZE = 4;
    static final int ENTRY_SIZE = 20;
    static final int ALLOCATE_CHUNK = 1024 * 1024;
    private static final int SPIN_LIMIT = 1000;
    /** Source of zeros for {@link #allocate}; only duplicates are read, never the buffer itself. */
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(256 * 1024).asReadOnlyBuffer();

    private final Path path;
    private final long name;
    private final int slots;
    private final int capacity;
    private final FileChannel channel;
    private final MappedByteBuffer buffer;
    private final long entriesAt;
    private final long reserveBytes;
    /** End of the bytes allocated on disk; written by the writer, read by anyone for figures. */
    private volatile long allocatedEnd;
    /** Next entry number: entries below it are complete. Written by the writer only. */
    private volatile int count;
    /** {@link #count} at the end of the last whole record (guarded by this object's monitor). */
    private int recordCount;
    private long beginTimestamp;
    private long endTimestamp;
    private long beginPhyOffset;
    private long endPhyOffset;
    private int slotsInUse;
    /** Entry count at the last force, read and written by the flushing thread only. */
    private int forcedCount;

    private IndexFile(Path path, long name, Dimensions dims, FileChannel channel) throws IOException {
        this.path = path;
        this.name = name;
        this.slots = dims.slots();
        this.capacity = dims.capacity();
        this.reserveBytes = dims.reserveBytes();
        this.channel = channel;
        this.entriesAt = HEADER_SIZE + (long) slots * SLOT_SIZE;
        this.buffer = channel.map(FileChannel.MapMode.READ_WRITE, 0, fileSize(slots, capacity));
    }

    /**
     * The shape of the files of one index.
     *
     * @param slots        hash slots per file
     * @param capacity     entry numbers per file (entry 0 unused)
     * @param reserveBytes usable bytes an allocation must leave on the partition
     */
    record Dimensions(int slots, int capacity, long reserveBytes) {

        long fileSize() {
            return IndexFile.fileSize(slots, capacity);
        }
    }

    /** Bytes of a file with these dimensions. */
    static long fileSize(int slots, int capacity) {
        return HEADER_SIZE + (long) slots * SLOT_SIZE + (long) capacity * ENTRY_SIZE;
    }

    /** Creates a new empty file whose begin and end fields start at the previous file's end. */
    static IndexFile create(Path path, long name, Dimensions dims, long prevEndPhyOffset, long prevEndTimestamp)
            throws IOException {
        checkSpace(path.getParent(), HEADER_SIZE + (long) dims.slots() * SLOT_SIZE + ENTRY_SIZE, dims.reserveBytes());
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            IndexFile f = new IndexFile(path, name, dims, ch);
            f.allocate(0, f.entriesAt + ENTRY_SIZE);
            f.count = 1;
            f.recordCount = 1;
            f.beginPhyOffset = prevEndPhyOffset;
            f.endPhyOffset = prevEndPhyOffset;
            f.beginTimestamp = prevEndTimestamp;
            f.endTimestamp = prevEndTimestamp;
            f.writeHeader();
            return f;
        } catch (IOException | RuntimeException e) {
            ch.close();
            Files.deleteIfExists(path);
            throw e;
        }
    }

    /** Opens an existing file and reads its header. */
    static IndexFile open(Path path, long name, Dimensions dims) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            IndexFile f = new IndexFile(path, name, dims, ch);
            ByteBuffer b = f.buffer;
            f.beginTimestamp = b.getLong(0);
            f.endTimestamp = b.getLong(8);
            f.beginPhyOffset = b.getLong(16);
            f.endPhyOffset = b.getLong(24);
            f.slotsInUse = b.getInt(32);
            f.count = Math.min(Math.max(1, b.getInt(36)), f.capacity);
            f.recordCount = f.count;
            f.forcedCount = f.count;
            f.allocatedEnd = f.entryAt(f.count);
            return f;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    Path path() {
        return path;
    }

    /** The file name as a number (yyyyMMddHHmmssSSS). */
    long name() {
        return name;
    }

    boolean isFull() {
        return count >= capacity;
    }

    boolean isEmpty() {
        return count <= 1;
    }

    /** Entries that still fit (writer only). */
    int room() {
        return capacity - count;
    }

    int count() {
        return count;
    }

    synchronized long beginTimestamp() {
        return beginTimestamp;
    }

    synchronized long endTimestamp() {
        return endTimestamp;
    }

    synchronized long endPhyOffset() {
        return endPhyOffset;
    }

    /**
     * Appends one entry for a key of the record at {@code phyOffset}; false when the file is full. The header's
     * end fields change only with {@link #recordDone}.
     *
     * @throws IOException when the entry's space cannot be allocated (disk full)
     */
    boolean put(int keyHash, long phyOffset, long storeTimestamp) throws IOException {
        int n = count;
        if (n >= capacity) {
            return false;
        }
        long at = entryAt(n);
        if (at + ENTRY_SIZE > allocatedEnd) {
            allocate(allocatedEnd, Math.min(fileSize(slots, capacity), allocatedEnd + ALLOCATE_CHUNK));
        }
        if (n == 1) {
            synchronized (this) {
                beginTimestamp = storeTimestamp;
                beginPhyOffset = phyOffset;
            }
        }
        int slotAt = slotAt(keyHash);
        int prev = buffer.getInt(slotAt);
        if (prev <= 0 || prev >= n) {
            prev = 0;
            slotsInUse++;
        }
        int i = (int) at;
        buffer.putInt(i, keyHash);
        buffer.putLong(i + 4, phyOffset);
        buffer.putInt(i + 12, timeDiff(storeTimestamp));
        buffer.putInt(i + 16, prev);
        count = n + 1;
        buffer.putInt(slotAt, n);
        return true;
    }

    /** Ends one record's entries: moves the header's end fields to it. */
    synchronized void recordDone(long phyOffset, long storeTimestamp) {
        recordCount = count;
        endPhyOffset = phyOffset;
        endTimestamp = storeTimestamp;
        writeHeader();
    }

    /** The header at the last whole record. */
    synchronized IndexCheckpoint snapshot() {
        return new IndexCheckpoint(name, recordCount, endPhyOffset, endTimestamp, -1);
    }

    /**
     * Walks the chain of {@code keyHash} from the newest entry, offering each entry with that hash whose second
     * overlaps [begin, end] to {@code accept}, until it returns false for "enough" or the chain reaches entries
     * older than {@code begin}.
     *
     * @return the number of slots and entries read
     */
    int select(int keyHash, long begin, long end, LongPredicate accept) {
        int published = count;
        long base = beginTimestamp();
        int n = buffer.getInt(slotAt(keyHash));
        for (int spins = 0; n >= published && spins < SPIN_LIMIT; spins++) {
            Thread.onSpinWait(); // the writer publishes an entry before pointing its slot at it
            published = count;
        }
        int reads = 1;
        while (n > 0 && n < published) {
            int i = (int) entryAt(n);
            reads++;
            long time = base + buffer.getInt(i + 12) * 1000L;
            if (time + 999 < begin) {
                break;
            }
            if (buffer.getInt(i) == keyHash && time <= end && !accept.test(buffer.getLong(i + 4))) {
                break;
            }
            int prev = buffer.getInt(i + 16);
            n = prev < n ? prev : 0;
        }
        return reads;
    }

    /**
     * True when the file may hold entries stored in [begin, end] (Apache's test on the header's times, widened
     * to whole seconds).
     */
    boolean overlaps(long begin, long end) {
        synchronized (this) {
            return !isEmpty() && beginTimestamp <= end && endTimestamp + 999 >= begin;
        }
    }

    /** Forces what was written since the last force; runs on one flushing thread at a time. */
    void force() {
        int n = count;
        if (n == forcedCount) {
            return;
        }
        buffer.force(0, (int) entriesAt);
        long from = entryAt(forcedCount);
        long to = entryAt(n);
        buffer.force((int) from, (int) (to - from));
        forcedCount = n;
    }

    /**
     * Keeps entries 1 .. keep - 1 and forgets the rest (recovery, before the writer starts): slots pointing at a
     * forgotten entry are pointed at the newest kept entry of their chain (found by a scan of the kept entries),
     * and the header ends at the given record.
     */
    void truncate(int keep, long endPhy, long endTime) {
        BitSet stale = new BitSet();
        int inUse = 0;
        for (int s = 0; s < slots; s++) {
            int at = HEADER_SIZE + s * SLOT_SIZE;
            int v = buffer.getInt(at);
            if (v >= keep || v < 0) {
                buffer.putInt(at, 0);
                stale.set(s);
            } else if (v > 0) {
                inUse++;
            }
        }
        for (int n = 1; n < keep && !stale.isEmpty(); n++) {
            int s = slotOf(buffer.getInt((int) entryAt(n)));
            if (stale.get(s)) {
                if (buffer.getInt(HEADER_SIZE + s * SLOT_SIZE) == 0) {
                    inUse++;
                }
                buffer.putInt(HEADER_SIZE + s * SLOT_SIZE, n);
            }
        }
        synchronized (this) {
            count = keep;
            recordCount = keep;
            slotsInUse = inUse;
            endPhyOffset = endPhy;
            endTimestamp = endTime;
            if (keep <= 1) {
                beginPhyOffset = endPhy;
                beginTimestamp = endTime;
            }
            writeHeader();
        }
        allocatedEnd = entryAt(keep);
        forcedCount = 0;
    }

    /** Bytes of the file allocated on disk so far (header, slots and the entries' chunks). */
    long allocatedBytes() {
        return allocatedEnd;
    }

    /** Commit-log offset of entry {@code n} (1 .. count - 1). */
    long phyOffsetOf(int n) {
        return buffer.getLong((int) entryAt(n) + 4);
    }

    /** Store time of entry {@code n}, to the second. */
    long timeOf(int n) {
        return beginTimestamp() + buffer.getInt((int) entryAt(n) + 12) * 1000L;
    }

    void close() {
        MappedChannels.close(channel);
    }

    /** Closes and deletes the file; the mapping goes away with the garbage collector (readers may hold it). */
    void delete() throws IOException {
        MappedChannels.delete(channel, path);
    }

    private int timeDiff(long storeTimestamp) {
        long diff = (storeTimestamp - beginTimestamp) / 1000;
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, diff));
    }

    private int slotOf(int keyHash) {
        return (keyHash & Integer.MAX_VALUE) % slots;
    }

    private int slotAt(int keyHash) {
        return HEADER_SIZE + slotOf(keyHash) * SLOT_SIZE;
    }

    private long entryAt(int n) {
        return entriesAt + (long) n * ENTRY_SIZE;
    }

    private void writeHeader() {
        buffer.putLong(0, beginTimestamp);
        buffer.putLong(8, endTimestamp);
        buffer.putLong(16, beginPhyOffset);
        buffer.putLong(24, endPhyOffset);
        buffer.putInt(32, slotsInUse);
        buffer.putInt(36, recordCount);
    }

    private void allocate(long from, long to) throws IOException {
        checkSpace(path.getParent(), to - from, reserveBytes);
        long pos = from;
        while (pos < to) {
            ByteBuffer zeros = ZEROS.duplicate();
            zeros.limit((int) Math.min(zeros.capacity(), to - pos));
            pos += channel.write(zeros, pos);
        }
        allocatedEnd = Math.max(allocatedEnd, to);
    }

    /** Refuses (before writing anything) an allocation that would leave less than {@code reserve} usable. */
    private static void checkSpace(Path dir, long bytes, long reserve) throws IOException {
        long usable = Files.getFileStore(dir).getUsableSpace();
        if (usable - bytes < reserve) {
            throw new IOException("disk full: allocating " + bytes + " bytes of an index file in " + dir
                    + " would leave " + (usable - bytes) + " bytes usable, below the reserve of " + reserve);
        }
    }
}
