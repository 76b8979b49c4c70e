package io.apogee.store;

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
 * 16 int64 indexMsgTimestamp       0 (no index files yet)
 * 24 int64 masterFlushedOffset     = flushedCommitLogOffset (RocketMQ 5 field)
 * 32 int64 confirmPhyOffset        = flushedCommitLogOffset (RocketMQ 5 field)
 * 40 int32 apogeeMagic             0x41504731 ("APG1"); the fields below are valid only with it
 * 44 int32 reserved                0
 * 48 int64 flushedCommitLogOffset  commit-log bytes below this are on disk
 * 56 int64 dispatchedOffset        every record below this has its consume-queue unit on disk
 * 64..4095 zero
 * </pre>
 * Recovery starts its commit-log scan at the start of the file holding
 * {@code min(flushedCommitLogOffset, dispatchedOffset)}.
 *
 * <p>Threads: not thread-safe; written by the consume-queue flusher thread, and by close() after that thread
 * has stopped.
 *
 * @param physicMsgTimestamp     see layout
 * @param logicsMsgTimestamp     see layout
 * @param flushedCommitLogOffset see layout
 * @param dispatchedOffset       see layout
 */
record StoreCheckpoint(long physicMsgTimestamp, long logicsMsgTimestamp, long flushedCommitLogOffset,
                       long dispatchedOffset) {

    static final int PAGE_SIZE = 4096;
    static final int APOGEE_MAGIC = 0x41504731;
    static final StoreCheckpoint NONE = new StoreCheckpoint(0, 0, -1, -1);

    /** True when the file held Apogee's offsets. */
    boolean hasOffsets() {
        return flushedCommitLogOffset >= 0 && dispatchedOffset >= 0;
    }

    /** Offset from which recovery must scan the commit log (−1 when unknown). */
    long safeOffset() {
        return hasOffsets() ? Math.min(flushedCommitLogOffset, dispatchedOffset) : -1;
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
            return new StoreCheckpoint(b.getLong(0), b.getLong(8), -1, -1);
        }
        return new StoreCheckpoint(b.getLong(0), b.getLong(8), b.getLong(48), b.getLong(56));
    }

    void write(Path path) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(PAGE_SIZE);
        b.putLong(0, physicMsgTimestamp);
        b.putLong(8, logicsMsgTimestamp);
        b.putLong(16, 0);
        b.putLong(24, flushedCommitLogOffset);
        b.putLong(32, flushedCommitLogOffset);
        b.putInt(40, APOGEE_MAGIC);
        b.putLong(48, flushedCommitLogOffset);
        b.putLong(56, dispatchedOffset);
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
