package io.apogee.store;

import io.apogee.store.index.IndexCheckpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The {@code checkpoint} file: one 4 KiB page, big-endian, rewritten in place and forced.
 * <pre>
 *  0 int64 physicMsgTimestamp      store time of the newest record known flushed in the commit log
 *  8 int64 logicsMsgTimestamp      store time of the newest record whose consume-queue unit is flushed
 * 16 int64 indexMsgTimestamp       store time of the newest record in the forced message index (0: none)
 * 24 int64 masterFlushedOffset     = flushedCommitLogOffset (RocketMQ 5 field)
 * 32 int64 confirmPhyOffset        = flushedCommitLogOffset (RocketMQ 5 field)
 * 40 int32 apogeeMagic             0x41504731 ("APG1"); the fields below are valid only with it
 * 44 int32 reserved                0
 * 48 int64 flushedCommitLogOffset  commit-log bytes below this are on disk
 * 56 int64 dispatchedOffset        every record below this has its consume-queue unit on disk
 * 64 int32 indexMagic              0x41504749 ("APGI"); the fields below are valid only with it
 * 68 int32 indexCount              the newest index file's entry count (next entry number) at a whole record
 * 72 int64 indexFileName           that file's name as a number (yyyyMMddHHmmssSSS), 0: no index file
 * 80 int64 indexEndPhyOffset       commit-log offset of the last indexed record (-1: none)
 * 88 int64 indexEndTimestamp       its store time
 * 96 int64 indexCoveredOffset      every record below this commit-log offset is in that forced index (-1: unknown)
 * 104..4095 zero
 * </pre>
 * Recovery starts its commit-log scan at the start of the file holding
 * {@code min(flushedCommitLogOffset, dispatchedOffset, indexCoveredOffset)}. The index fields describe the message
 * index as last forced; every record below {@code indexCoveredOffset} is in it (see
 * {@link io.apogee.store.index.MessageIndex}).
 *
 * <p>Threads: not thread-safe; written by the consume-queue flusher thread, and by close() after that thread
 * has stopped.
 *
 * @param physicMsgTimestamp     see layout
 * @param logicsMsgTimestamp     see layout
 * @param flushedCommitLogOffset see layout
 * @param dispatchedOffset       see layout
 * @param index                  the index fields of the layout
 */
record StoreCheckpoint(long physicMsgTimestamp, long logicsMsgTimestamp, long flushedCommitLogOffset,
                       long dispatchedOffset, IndexCheckpoint index) {

    static final int PAGE_SIZE = 4096;
    static final int APOGEE_MAGIC = 0x41504731;
    static final int INDEX_MAGIC = 0x41504749;
    static final StoreCheckpoint NONE = new StoreCheckpoint(0, 0, -1, -1, IndexCheckpoint.EMPTY);

    /** True when the file held Apogee's offsets. */
    boolean hasOffsets() {
        return flushedCommitLogOffset >= 0 && dispatchedOffset >= 0;
    }

    /** Offset from which recovery must scan the commit log (−1 when unknown). */
    long safeOffset() {
        if (!hasOffsets()) {
            return -1;
        }
        long safe = Math.min(flushedCommitLogOffset, dispatchedOffset);
        return index.covered() >= 0 ? Math.min(safe, index.covered()) : safe;
    }

    static StoreCheckpoint read(Path path) throws IOException {
        if (!Files.exists(path)) {
            return NONE;
        }
        byte[] bytes = Files.readAllBytes(path);
        if (bytes.length < 64) {
            return NONE;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (b.getInt(40) != APOGEE_MAGIC) {
            return new StoreCheckpoint(b.getLong(0), b.getLong(8), -1, -1, IndexCheckpoint.EMPTY);
        }
        IndexCheckpoint index = bytes.length >= 104 && b.getInt(64) == INDEX_MAGIC
                ? new IndexCheckpoint(b.getLong(72), b.getInt(68), b.getLong(80), b.getLong(88), b.getLong(96))
                : IndexCheckpoint.EMPTY;
        return new StoreCheckpoint(b.getLong(0), b.getLong(8), b.getLong(48), b.getLong(56), index);
    }

    void write(Path path) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(PAGE_SIZE);
        b.putLong(0, physicMsgTimestamp);
        b.putLong(8, logicsMsgTimestamp);
        b.putLong(16, Math.max(0, index.endTimestamp()));
        b.putLong(24, flushedCommitLogOffset);
        b.putLong(32, flushedCommitLogOffset);
        b.putInt(40, APOGEE_MAGIC);
        b.putLong(48, flushedCommitLogOffset);
        b.putLong(56, dispatchedOffset);
        b.putInt(64, INDEX_MAGIC);
        b.putInt(68, index.count());
        b.putLong(72, index.fileName());
        b.putLong(80, index.endPhyOffset());
        b.putLong(88, index.endTimestamp());
        b.putLong(96, index.covered());
        Files.createDirectories(path.toAbsolutePath().getParent());
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            int written = 0;
            while (written < PAGE_SIZE) {
                written += ch.write(b.slice(written, PAGE_SIZE - written), written);
            }
            ch.force(true);
        }
    }
}
