package io.apogee.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The commit log: every message of every topic, appended to {@code <commitlog>/<20-digit start offset>} files
 * of {@code mapedFileSizeCommitLog} bytes in the record layout documented on {@link StoredMessage}.
 *
 * <p>A record never spans files. When a record (plus 8 bytes) does not fit in the rest of the current file,
 * the rest is marked with a BLANK filler {@code int32 remainingLength, int32 0xCBD43194} and the record goes
 * to the next file, which starts at the previous file's start + file size.
 *
 * <p>Threads: callers of {@link #append}/{@link #appendBatch} serialize on the append lock; the record bytes
 * are written straight into the mapping and then published by raising {@link #writeOffset()} (volatile).
 * Everything below {@code writeOffset} is complete and immutable, so the dispatcher, flusher and readers
 * read it without locking.
 */
final class CommitLog {

    static final int BLANK_SIZE = 8;
    private static final Logger LOG = LoggerFactory.getLogger(CommitLog.class);

    private final MappedFileQueue files;
    private final ReentrantLock appendLock = new ReentrantLock();
    private final RecordEncoder encoder = new RecordEncoder();
    private final DraftCheck check;
    private final ConsumeQueueTable queues;
    private final DispatchHints hints;
    private volatile long writeOffset;
    private volatile long lastStoreTimestamp;
    /** Guarded by the append lock. */
    private boolean accepting;

    CommitLog(MappedFileQueue files, DraftCheck check, ConsumeQueueTable queues, DispatchHints hints) {
        this.files = files;
        this.check = check;
        this.queues = queues;
        this.hints = hints;
    }

    MappedFileQueue files() {
        return files;
    }

    /** Offset after the last complete record: the next append position. */
    long writeOffset() {
        return writeOffset;
    }

    long lastStoreTimestamp() {
        return lastStoreTimestamp;
    }

    /** Offset of the oldest byte still on disk (0 for an empty log). */
    long minOffset() {
        long min = files.minOffset();
        return min < 0 ? writeOffset : min;
    }

    /** Sets the append position found by recovery. Before appends are accepted only. */
    void recovered(long end) {
        writeOffset = end;
    }

    /** Starts or stops accepting appends; stopping waits for an append in progress. */
    void accepting(boolean accept) {
        appendLock.lock();
        try {
            accepting = accept;
        } finally {
            appendLock.unlock();
        }
    }

    PutResult append(MessageDraft m) {
        PutResult invalid = check.check(m);
        if (invalid != null) {
            return invalid;
        }
        byte[] topic = encoder.topicBytes(m.topic);
        if (topic.length > DraftCheck.MAX_TOPIC_SIZE) {
            return tooLongTopic(topic);
        }
        int size = RecordEncoder.recordSize(m, topic);
        invalid = check.checkRecordSize(size);
        if (invalid != null) {
            return invalid;
        }
        appendLock.lock();
        try {
            if (!accepting) {
                return notAccepting();
            }
            ConsumeQueue queue = queues.getOrCreate(m.topic, m.queueId);
            MappedFile file = fileWithRoom(size);
            int at = (int) (writeOffset - file.startOffset());
            long phys = file.startOffset() + at;
            long now = System.currentTimeMillis();
            long queueOffset = queue.nextAssignOffset;
            encoder.write(file.buffer(), at, m, topic, size, queueOffset, phys, now);
            queue.nextAssignOffset = queueOffset + 1;
            file.wrotePosition(at + size);
            hints.offer(phys, m.tagsCode, queue);
            lastStoreTimestamp = now;
            writeOffset = phys + size;
            return new PutResult(PutStatus.PUT_OK, phys, queueOffset, 1, size, now, new long[] {phys}, null);
        } catch (IOException e) {
            return ioFailure(e);
        } finally {
            appendLock.unlock();
        }
    }

    /** Appends messages of one queue as consecutive records in one file. */
    PutResult appendBatch(List<MessageDraft> batch) {
        PutResult invalid = check.checkBatch(batch);
        if (invalid != null) {
            return invalid;
        }
        byte[] topic = encoder.topicBytes(batch.get(0).topic);
        if (topic.length > DraftCheck.MAX_TOPIC_SIZE) {
            return tooLongTopic(topic);
        }
        int[] sizes = new int[batch.size()];
        long total = 0;
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = RecordEncoder.recordSize(batch.get(i), topic);
            total += sizes[i];
        }
        invalid = check.checkRecordSize((int) Math.min(Integer.MAX_VALUE, total));
        if (invalid != null) {
            return invalid;
        }
        appendLock.lock();
        try {
            if (!accepting) {
                return notAccepting();
            }
            MessageDraft first = batch.get(0);
            ConsumeQueue queue = queues.getOrCreate(first.topic, first.queueId);
            MappedFile file = fileWithRoom((int) total);
            int at = (int) (writeOffset - file.startOffset());
            long firstPhys = file.startOffset() + at;
            long firstQueueOffset = queue.nextAssignOffset;
            long now = System.currentTimeMillis();
            long[] offsets = new long[sizes.length];
            for (int i = 0; i < sizes.length; i++) {
                long phys = file.startOffset() + at;
                encoder.write(file.buffer(), at, batch.get(i), topic, sizes[i], firstQueueOffset + i, phys, now);
                offsets[i] = phys;
                at += sizes[i];
            }
            queue.nextAssignOffset = firstQueueOffset + sizes.length;
            file.wrotePosition(at);
            for (int i = 0; i < sizes.length; i++) {
                hints.offer(offsets[i], batch.get(i).tagsCode, queue);
            }
            lastStoreTimestamp = now;
            writeOffset = file.startOffset() + at;
            return new PutResult(PutStatus.PUT_OK, firstPhys, firstQueueOffset, sizes.length, (int) total, now,
                    offsets, null);
        } catch (IOException e) {
            return ioFailure(e);
        } finally {
            appendLock.unlock();
        }
    }

    /** The file to append {@code size} bytes to at {@code writeOffset}, rolling to a new file after a BLANK. */
    private MappedFile fileWithRoom(int size) throws IOException {
        MappedFile file = files.find(writeOffset);
        if (file == null) {
            return files.create(writeOffset);
        }
        int at = (int) (writeOffset - file.startOffset());
        int free = file.size() - at;
        if (size + BLANK_SIZE <= free) {
            return file;
        }
        if (free >= BLANK_SIZE) {
            file.buffer().putInt(at, free);
            file.buffer().putInt(at + 4, StoredMessage.MAGIC_BLANK);
        }
        file.wrotePosition(file.size());
        writeOffset = file.endOffset();
        return files.create(file.endOffset());
    }

    /** A read-only view of a record below {@link #writeOffset()}, or null when its file is gone. */
    ByteBuffer slice(long physicalOffset, int size) {
        MappedFile file = files.find(physicalOffset);
        if (file == null) {
            return null;
        }
        int at = (int) (physicalOffset - file.startOffset());
        return at + size <= file.size() ? file.slice(at, size) : null;
    }

    /** A heap copy of the record starting at {@code physicalOffset}, or null when there is no record there. */
    ByteBuffer copyRecord(long physicalOffset) {
        if (physicalOffset < 0 || physicalOffset >= writeOffset) {
            return null;
        }
        MappedFile file = files.find(physicalOffset);
        if (file == null) {
            return null;
        }
        int at = (int) (physicalOffset - file.startOffset());
        if (at + BLANK_SIZE > file.size()) {
            return null;
        }
        ByteBuffer buf = file.buffer();
        int size = buf.getInt(at);
        int magic = buf.getInt(at + 4);
        boolean message = magic == StoredMessage.MAGIC_V1 || magic == StoredMessage.MAGIC_V2;
        if (!message || size < 8 || at + size > file.size()
                || StoredMessage.physicalOffset(buf, at) != physicalOffset) {
            return null;
        }
        ByteBuffer copy = ByteBuffer.allocate(size);
        copy.put(0, file.slice(at, size), 0, size);
        return copy;
    }

    void close() {
        files.close();
    }

    private static PutResult tooLongTopic(byte[] topic) {
        return PutResult.failure(PutStatus.MESSAGE_ILLEGAL, "topic of " + topic.length
                + " UTF-8 bytes exceeds the limit of " + DraftCheck.MAX_TOPIC_SIZE);
    }

    private static PutResult notAccepting() {
        return PutResult.failure(PutStatus.SERVICE_NOT_AVAILABLE, "the message store is not running");
    }

    private PutResult ioFailure(IOException e) {
        LOG.error("commit-log append failed at offset {}", writeOffset, e);
        return PutResult.failure(PutStatus.UNKNOWN_ERROR, "commit-log append failed: " + e.getMessage());
    }
}
