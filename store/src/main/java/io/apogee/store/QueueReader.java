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
        List<ByteBuffer> records = new ArrayList<>(Math.min(maxMsgNums, 32));
        int totalBytes = 0;
        int filtered = 0;
        int missing = 0;
        long scanLimit = offset + Math.max(MIN_SCAN_UNITS, maxMsgNums);
        long q = offset;
        for (; q < max && q < scanLimit && records.size() < maxMsgNums; q++) {
            MappedFile file = queue.fileOf(q);
            if (file == null) {
                missing++;
                continue;
            }
            int at = ConsumeQueue.positionIn(file, q);
            ByteBuffer units = file.buffer();
            long phys = units.getLong(at);
            int size = units.getInt(at + 8);
            long tagsCode = units.getLong(at + 12);
            if (size <= 0) {
                missing++;
                continue;
            }
            if (!records.isEmpty() && (long) totalBytes + size > maxTotalBytes) {
                break;
            }
            if (filter != null && !filter.matchesTagsCode(tagsCode)) {
                filtered++;
                continue;
            }
            ByteBuffer record = commitLog.slice(phys, size);
            if (record == null) {
                missing++;
                continue;
            }
            if (filter != null && !filter.matchesRecord(record)) {
                filtered++;
                continue;
            }
            records.add(record);
            totalBytes += size;
        }
        GetStatus status;
        if (!records.isEmpty()) {
            status = GetStatus.FOUND;
        } else if (filtered > 0) {
            status = GetStatus.NO_MATCHED_MESSAGE;
        } else if (missing > 0 && commitLog.minOffset() > 0) {
            status = GetStatus.MESSAGE_WAS_REMOVING;
        } else {
            status = GetStatus.OFFSET_FOUND_NULL;
        }
        return new GetResult(status, q, min, max, records, totalBytes);
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
