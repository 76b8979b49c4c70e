package io.apogee.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * Brings the commit log and consume queues back to a consistent state at start-up, before any other store
 * thread runs (single-threaded).
 *
 * <ol>
 *   <li>Scan the commit log from the start of the file holding the checkpoint's safe offset
 *       ({@link StoreCheckpoint#safeOffset()}), or from the first file without a checkpoint, checking each
 *       record: magic, totalSize within the file, physicalOffset field equal to its position, field lengths
 *       adding up to totalSize and, after a crash (abort file present), the body CRC. The first record that
 *       fails ends the log (torn tail): the rest of its file is zeroed (after a crash or an invalid
 *       record; a clean stop ending on zeros needs no zeroing) and later files are deleted.</li>
 *   <li>Drop consume-queue units that point at or beyond the recovered end.</li>
 *   <li>Re-dispatch the scanned range; units that already exist are skipped.</li>
 *   <li>Move each queue's min offset to its first unit whose record is still in the commit log (the oldest
 *       commit-log files may have been deleted by the cleanup), deleting queue files wholly below it.</li>
 *   <li>Resume each queue's offset counter at its max offset.</li>
 * </ol>
 */
final class StoreRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(StoreRecovery.class);
    private static final int END = 0;
    private static final int BLANK = -1;
    private static final int MIN_RECORD_SIZE = StoredMessage.recordSize(0, 0, 0, 8, 8);

    private final CommitLog commitLog;
    private final ConsumeQueueTable queues;
    private final Dispatcher dispatcher;
    private final CRC32 crc = new CRC32();
    /** Set by the scan when it stopped at an invalid record rather than at zeros or the last file's end. */
    private boolean tornTail;

    StoreRecovery(CommitLog commitLog, ConsumeQueueTable queues, Dispatcher dispatcher) {
        this.commitLog = commitLog;
        this.queues = queues;
        this.dispatcher = dispatcher;
    }

    /** Recovers and returns the commit-log end (the next append offset). */
    long recover(StoreCheckpoint checkpoint, boolean crashed) throws IOException {
        MappedFileQueue files = commitLog.files();
        long from = scanStart(files, checkpoint);
        long end = scan(files, from, crashed);
        // Zeroing reads the whole rest of the file (seconds for 1 GiB), so skip it after a clean stop
        // that ended on zeros: nothing was written beyond.
        files.truncate(end, crashed || tornTail);
        commitLog.recovered(end);
        for (ConsumeQueue q : queues.all()) {
            long dropped = q.truncateTo(end);
            if (dropped > 0) {
                LOG.warn("consume queue {}/{}: dropped {} units pointing at or beyond commit-log end {}",
                        q.topic(), q.queueId(), dropped, end);
            }
        }
        dispatcher.startFrom(Math.min(from, end));
        int redispatched = dispatcher.dispatchUpTo(end);
        long min = commitLog.minOffset();
        queues.forEach(q -> q.dropUnitsBelow(min));
        queues.forEach(q -> q.nextAssignOffset = q.maxOffset());
        LOG.info("store recovered ({} shutdown): commit log [{}, {}), scanned from {}, "
                + "{} records replayed into consume queues (existing units kept)",
                crashed ? "abnormal" : "clean", commitLog.minOffset(), end, from, redispatched);
        return end;
    }

    private static long scanStart(MappedFileQueue files, StoreCheckpoint checkpoint) {
        MappedFile first = files.first();
        if (first == null) {
            return 0;
        }
        long safe = checkpoint.safeOffset();
        if (safe < 0) {
            return first.startOffset();
        }
        MappedFile f = files.find(safe);
        if (f != null) {
            return f.startOffset();
        }
        return safe < first.startOffset() ? first.startOffset() : files.last().startOffset();
    }

    private long scan(MappedFileQueue files, long from, boolean verifyCrc) {
        long offset = from;
        while (true) {
            MappedFile file = files.find(offset);
            if (file == null) {
                return offset;
            }
            int at = (int) (offset - file.startOffset());
            int result = check(file, at, offset, verifyCrc);
            if (result == END) {
                return offset;
            }
            offset = result == BLANK ? file.endOffset() : offset + result;
        }
    }

    /** Size of the valid record at {@code at}, {@link #BLANK} for the end-of-file filler, {@link #END} otherwise. */
    private int check(MappedFile file, int at, long offset, boolean verifyCrc) {
        ByteBuffer buf = file.buffer();
        if (at + CommitLog.BLANK_SIZE > file.size()) {
            return END;
        }
        int size = buf.getInt(at);
        int magic = buf.getInt(at + 4);
        if (size == 0 && magic == 0) {
            return END;
        }
        if (magic == StoredMessage.MAGIC_BLANK && size == file.size() - at) {
            return BLANK;
        }
        if (!isValidRecord(file, at, offset, size, magic) || (verifyCrc && !crcMatches(buf, at))) {
            tornTail = true;
            LOG.warn("invalid commit-log record at offset {} (totalSize {}, magic 0x{}); the log ends here",
                    offset, size, Integer.toHexString(magic));
            return END;
        }
        return size;
    }

    /** A message record (not the filler) that fits its file, sits at its own offset and whose lengths add up. */
    private static boolean isValidRecord(MappedFile file, int at, long offset, int size, int magic) {
        boolean message = magic == StoredMessage.MAGIC_V1 || magic == StoredMessage.MAGIC_V2;
        return message && size >= MIN_RECORD_SIZE && size <= file.size() - at
                && StoredMessage.physicalOffset(file.buffer(), at) == offset
                && lengthsAddUp(file.buffer(), at, size, magic);
    }

    private static boolean lengthsAddUp(ByteBuffer buf, int at, int size, int magic) {
        int sysFlag = StoredMessage.sysFlag(buf, at);
        int bodyLenAt = StoredMessage.bodyLengthOffset(sysFlag);
        if (bodyLenAt + 4 > size) {
            return false;
        }
        int bodyLen = buf.getInt(at + bodyLenAt);
        int topicLenAt = bodyLenAt + 4 + bodyLen;
        if (bodyLen < 0 || topicLenAt + 2 > size) {
            return false;
        }
        boolean v2 = magic == StoredMessage.MAGIC_V2;
        int topicLen = v2 ? buf.getShort(at + topicLenAt) & 0xFFFF : buf.get(at + topicLenAt) & 0xFF;
        int propLenAt = topicLenAt + (v2 ? 2 : 1) + topicLen;
        if (propLenAt + 2 > size) {
            return false;
        }
        int propLen = buf.getShort(at + propLenAt) & 0xFFFF;
        return propLenAt + 2 + propLen == size;
    }

    private boolean crcMatches(ByteBuffer buf, int at) {
        int bodyLenAt = at + StoredMessage.bodyLengthOffset(StoredMessage.sysFlag(buf, at));
        int bodyLen = buf.getInt(bodyLenAt);
        crc.reset();
        crc.update(buf.slice(bodyLenAt + 4, bodyLen));
        return (int) (crc.getValue() & 0x7FFFFFFF) == buf.getInt(at + StoredMessage.OFF_BODY_CRC);
    }
}
