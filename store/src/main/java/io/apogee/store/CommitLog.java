package io.apogee.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.apogee.store.ha.ReplicaSink;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The commit log: every message of every topic, appended to {@code <commitlog>/<20-digit start offset>} files
 * of {@code mapedFileSizeCommitLog} bytes in the record layout documented on {@link StoredMessage}.
 *
 * <p>A record never spans files. When a record (plus 8 bytes) does not fit in the rest of the current file,
 * the rest is marked with a BLANK filler {@code int32 remainingLength, int32 0xCBD43194} and the record goes
 * to the next file, which starts at the previous file's start + file size. A BLANK whose length is less than the
 * rest of its file marks a gap: a damaged region recovery skipped ({@link StoreRecovery}); readers step over it.
 *
 * <p>Appends only write into space {@link CommitLogSpace} has allocated on disk; a record that does not fit in it
 * is refused (disk full) with nothing changed. Files are created by the space thread, never by the appender.
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
    private final CommitLogSpace space;
    private final StoreHealth health;
    private volatile long writeOffset;
    /** Slave: end of the bytes received from the master, at or past {@link #writeOffset}. Guarded by the lock. */
    private volatile long receivedEnd;
    private volatile long lastStoreTimestamp;
    /** Guarded by the append lock. */
    private boolean accepting;
    /** Set once a write into the mapping faulted; every later put is refused with it. Guarded by the lock. */
    private PutResult faulted;

    CommitLog(MappedFileQueue files, DraftCheck check, ConsumeQueueTable queues, DispatchHints hints,
              CommitLogSpace.Settings space, StoreHealth health) {
        this.files = files;
        this.check = check;
        this.queues = queues;
        this.hints = hints;
        this.space = new CommitLogSpace(files, this::writeOffset, space);
        this.health = health;
    }

    /** The keeper of the allocated space ahead of the write position. */
    CommitLogSpace space() {
        return space;
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
        receivedEnd = end;
    }

    /** Slave: end of the bytes received from the master (a record may be incomplete there). */
    long receivedEnd() {
        return receivedEnd;
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
            PutResult closed = gate();
            if (closed != null) {
                return closed;
            }
            MappedFile file = fileWithRoom(size);
            if (file == null) {
                return space.refusal();
            }
            ConsumeQueue queue = queues.getOrCreate(m.topic, m.queueId);
            int at = (int) (writeOffset - file.startOffset());
            long phys = file.startOffset() + at;
            long now = System.currentTimeMillis();
            long queueOffset = queue.nextAssignOffset;
            encoder.write(file.buffer(), at, m, topic, size, queueOffset, phys, now);
            queue.nextAssignOffset = queueOffset + 1;
            file.wrotePosition(at + size);
            hints.offer(phys, m.tagsCode, queue);
            lastStoreTimestamp = now;
            published(phys + size);
            return new PutResult(PutStatus.PUT_OK, phys, queueOffset, 1, size, now, new long[] {phys}, null);
        } catch (InternalError e) {
            return writeFault(e);
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
            PutResult closed = gate();
            return closed != null ? closed : writeBatch(batch, topic, sizes, (int) total);
        } catch (InternalError e) {
            return writeFault(e);
        } finally {
            appendLock.unlock();
        }
    }

    /** Writes the records of a checked batch; under the append lock. */
    private PutResult writeBatch(List<MessageDraft> batch, byte[] topic, int[] sizes, int total) {
        MappedFile file = fileWithRoom(total);
        if (file == null) {
            return space.refusal();
        }
        MessageDraft first = batch.get(0);
        ConsumeQueue queue = queues.getOrCreate(first.topic, first.queueId);
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
        published(file.startOffset() + at);
        return new PutResult(PutStatus.PUT_OK, firstPhys, firstQueueOffset, sizes.length, total, now, offsets, null);
    }

    /** Why no append may run now (the store is not running, or a write faulted before), or null. Under the lock. */
    private PutResult gate() {
        if (faulted != null) {
            return faulted;
        }
        return accepting ? null : notAccepting();
    }

    /**
     * The file to append {@code size} bytes to at {@code writeOffset}, rolling to the next file after a BLANK; null
     * when those bytes are not allocated on disk yet ({@link CommitLogSpace}), in which case nothing changed.
     */
    private MappedFile fileWithRoom(int size) {
        MappedFile file = files.find(writeOffset);
        if (file == null && !prepared(writeOffset + size)) {
            return null;
        }
        file = file != null ? file : files.find(writeOffset);
        int at = (int) (writeOffset - file.startOffset());
        int free = file.size() - at;
        if (size + BLANK_SIZE <= free) {
            return prepared(writeOffset + size) ? file : null;
        }
        if (!prepared(file.endOffset() + size)) {
            return null;
        }
        MappedFile next = files.find(file.endOffset());
        if (free >= BLANK_SIZE) {
            file.buffer().putInt(at, free);
            file.buffer().putInt(at + 4, StoredMessage.MAGIC_BLANK);
        }
        file.wrotePosition(file.size());
        writeOffset = file.endOffset();
        return next;
    }

    /** True when the log is allocated on disk up to {@code end}, allocating it now if the space thread is behind. */
    private boolean prepared(long end) {
        return end <= space.preparedEnd() || space.prepareUpTo(end);
    }

    /** Publishes records up to {@code end} and asks for more space when less than half the window is left. */
    private void published(long end) {
        writeOffset = end;
        if (space.preparedEnd() - end < space.lowWater()) {
            space.wake();
        }
    }

    /**
     * Slave: writes bytes received from the master at the end of the received bytes, then publishes the records
     * they complete (a frame may end inside a record; that record is published with the frame completing it).
     */
    ReplicaSink.Append appendReplica(long offset, ByteBuffer data) {
        int length = data.remaining();
        appendLock.lock();
        try {
            if (offset != receivedEnd) {
                return ReplicaSink.Append.MISMATCH;
            }
            if (!prepared(offset + length)) {
                return ReplicaSink.Append.NO_SPACE;
            }
            MappedFile file = files.find(offset);
            if (file == null || offset + length > file.endOffset()) {
                return ReplicaSink.Append.MISMATCH;
            }
            int at = (int) (offset - file.startOffset());
            file.buffer().put(at, data, data.position(), length);
            file.wrotePosition(at + length);
            receivedEnd = offset + length;
            long complete = completeRecordsEnd(writeOffset, receivedEnd);
            if (complete > writeOffset) {
                published(complete);
            }
            return ReplicaSink.Append.APPENDED;
        } catch (InternalError e) {
            writeFault(e);
            return ReplicaSink.Append.NO_SPACE;
        } finally {
            appendLock.unlock();
        }
    }

    /** End of the whole records (and file-end fillers) in [from, to); under the lock. */
    private long completeRecordsEnd(long from, long to) {
        long offset = from;
        while (offset < to) {
            MappedFile file = files.find(offset);
            int at = (int) (offset - file.startOffset());
            boolean filler = at + BLANK_SIZE > file.size()
                    || offset + BLANK_SIZE <= to && StoredMessage.magic(file.buffer(), at) == StoredMessage.MAGIC_BLANK;
            int size = filler || offset + BLANK_SIZE > to ? 0 : StoredMessage.totalSize(file.buffer(), at);
            long next = filler ? file.endOffset() : size >= BLANK_SIZE ? offset + size : Long.MAX_VALUE;
            if (next > to) {
                break; // incomplete (or, if the master sent garbage, never complete: the dispatcher waits)
            }
            offset = next;
        }
        return offset;
    }

    /** Slave: moves an empty log to start at {@code start}; the store's threads must be stopped. */
    boolean rebaseEmpty(long start) {
        appendLock.lock();
        try {
            if (writeOffset != 0 || receivedEnd != 0 || start % files.fileSize() != 0) {
                return false;
            }
            files.deleteAll();
            writeOffset = start;
            receivedEnd = start;
            return true;
        } finally {
            appendLock.unlock();
        }
    }

    /** Master: a read-only view of up to {@code max} bytes from {@code offset} within one file, below the end. */
    ByteBuffer transferSlice(long offset, int max) {
        long end = writeOffset;
        MappedFile file = files.find(offset);
        if (file == null || offset >= end) {
            return null;
        }
        int at = (int) (offset - file.startOffset());
        int length = (int) Math.min(max, Math.min(end, file.endOffset()) - offset);
        return file.slice(at, length);
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

    /**
     * A write into the mapping faulted (SIGBUS: the page could not be allocated or read back, e.g. an I/O error).
     * The write position did not move, so nothing half-written is ever dispatched; every later put is refused
     * until the broker is restarted on a checked disk.
     */
    private PutResult writeFault(InternalError e) {
        String reason = "a write into the commit log faulted at offset " + writeOffset + " (" + e.getMessage()
                + "); the store refuses all puts from now on: check the disk of " + files.dir()
                + " and restart the broker";
        LOG.error("{}", reason, e);
        health.report(reason);
        faulted = PutResult.failure(PutStatus.UNKNOWN_ERROR, reason);
        return faulted;
    }
}
