package io.apogee.store;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers queue reads: {@code get}, offsets by time, earliest time. Reads only data published by the
 * dispatcher (units below a queue's volatile max offset, which point at complete commit-log records), so it
 * needs no lock and is safe for any number of caller threads.
 */
final class QueueReader {

    /** At most this many units are scanned per get (bounds the work when a filter matches rarely). */
    private static final int MIN_SCAN_UNITS = 800;

    private final CommitLog commitLog;
    private final ConsumeQueueTable queues;

    QueueReader(CommitLog commitLog, ConsumeQueueTable queues) {
        this.commitLog = commitLog;
        this.queues = queues;
    }

    GetResult get(String topic, int queueId, long offset, int maxMsgNums, int maxTotalBytes, MessageFilter filter) {
        if (topic == null || topic.isEmpty() || queueId < 0) {
            return empty(GetStatus.NO_MATCHED_LOGIC_QUEUE, 0, 0, 0);
        }
        ConsumeQueue queue = queues.find(topic, queueId);
        long max = queue == null ? 0 : queue.maxOffset();
        long min = queue == null ? 0 : queue.minOffset();
        if (max == 0) {
            return empty(GetStatus.NO_MESSAGE_IN_QUEUE, 0, min, max);
        }
        if (offset < min) {
            return empty(GetStatus.OFFSET_TOO_SMALL, min, min, max);
        }
        if (offset == max) {
            return empty(GetStatus.OFFSET_OVERFLOW_ONE, offset, min, max);
        }
        if (offset > max) {
            return empty(GetStatus.OFFSET_OVERFLOW_BADLY, max, min, max);
        }
        return scan(queue, offset, min, max, Math.max(1, maxMsgNums), maxTotalBytes, filter);
    }

    private GetResult scan(ConsumeQueue queue, long offset, long min, long max, int maxMsgNums, int maxTotalBytes,
                           MessageFilter filter) {
        Batch batch = new Batch(maxMsgNums, maxTotalBytes);
        long scanLimit = offset + Math.max(MIN_SCAN_UNITS, maxMsgNums);
        long q = offset;
        for (; q < max && q < scanLimit && batch.records.size() < maxMsgNums; q++) {
            if (!visit(queue, q, filter, batch)) {
                break;
            }
        }
        return new GetResult(batch.status(commitLog.minOffset() > 0), q, min, max, batch.records, batch.totalBytes);
    }

    /** Adds unit {@code q}'s record to the batch when it passes the filter; false when the batch is full. */
    private boolean visit(ConsumeQueue queue, long q, MessageFilter filter, Batch batch) {
        MappedFile file = queue.fileOf(q);
        if (file == null) {
            batch.missing++;
            return true;
        }
        int at = ConsumeQueue.positionIn(file, q);
        ByteBuffer units = file.buffer();
        long phys = units.getLong(at);
        int size = units.getInt(at + 8);
        if (size <= 0) {
            batch.missing++;
            return true;
        }
        if (!batch.fits(size)) {
            return false;
        }
        if (filter != null && !filter.matchesTagsCode(units.getLong(at + 12))) {
            batch.filtered++;
            return true;
        }
        ByteBuffer record = commitLog.slice(phys, size);
        if (record == null) {
            batch.missing++;
        } else if (filter != null && !filter.matchesRecord(record)) {
            batch.filtered++;
        } else {
            batch.records.add(record);
            batch.totalBytes += size;
        }
        return true;
    }

    /** What one get collected. Confined to the reading thread. */
    private static final class Batch {
        final List<ByteBuffer> records;
        final int maxTotalBytes;
        int totalBytes;
        int filtered;
        int missing;

        Batch(int maxMsgNums, int maxTotalBytes) {
            this.records = new ArrayList<>(Math.min(maxMsgNums, 32));
            this.maxTotalBytes = maxTotalBytes;
        }

        /** The first record always fits; later ones while the total stays within the byte limit. */
        boolean fits(int size) {
            return records.isEmpty() || (long) totalBytes + size <= maxTotalBytes;
        }

        GetStatus status(boolean logWasCleaned) {
            if (!records.isEmpty()) {
                return GetStatus.FOUND;
            }
            if (filtered > 0) {
                return GetStatus.NO_MATCHED_MESSAGE;
            }
            return missing > 0 && logWasCleaned ? GetStatus.MESSAGE_WAS_REMOVING : GetStatus.OFFSET_FOUND_NULL;
        }
    }

    private static GetResult empty(GetStatus status, long nextBeginOffset, long min, long max) {
        return new GetResult(status, nextBeginOffset, min, max, List.of(), 0);
    }

    /** First logical offset whose record was stored at or after {@code timestamp}; max offset when none. */
    long offsetByTime(String topic, int queueId, long timestamp) {
        ConsumeQueue queue = queues.find(topic, queueId);
        if (queue == null) {
            return 0;
        }
        long lo = queue.minOffset();
        long hi = queue.maxOffset();
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (storeTimestampAt(queue, mid) >= timestamp) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** Store time of the oldest message in the queue, or -1. */
    long earliestTime(String topic, int queueId) {
        ConsumeQueue queue = queues.find(topic, queueId);
        if (queue == null) {
            return -1;
        }
        for (long q = queue.minOffset(); q < queue.maxOffset(); q++) {
            long t = storeTimestampAt(queue, q);
            if (t >= 0) {
                return t;
            }
        }
        return -1;
    }

    /** Store time of the record of unit {@code logicOffset}; -1 when it cannot be read. */
    private long storeTimestampAt(ConsumeQueue queue, long logicOffset) {
        MappedFile file = queue.fileOf(logicOffset);
        if (file == null) {
            return -1;
        }
        int at = ConsumeQueue.positionIn(file, logicOffset);
        long phys = file.buffer().getLong(at);
        int size = file.buffer().getInt(at + 8);
        ByteBuffer record = size > 0 ? commitLog.slice(phys, size) : null;
        return record == null ? -1 : StoredMessage.storeTimestamp(record, 0);
    }
}
