package io.apogee.store;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Messages returned by {@link MessageStore#get}: read-only slices of the mapped commit log, one full stored
 * record each (layout on {@link StoredMessage}), in queue order.
 *
 * <p>Mapped files are never unmapped while the process runs (see {@link MappedFile}), so the slices stay
 * readable; {@link #release()} drops this result's references to them. Not thread-safe: owned by the
 * caller of {@code get} (the slices themselves may be read by any thread).
 */
public final class GetResult {

    private final GetStatus status;
    private final long nextBeginOffset;
    private final long minOffset;
    private final long maxOffset;
    private List<ByteBuffer> records;
    private final int totalBytes;

    GetResult(GetStatus status, long nextBeginOffset, long minOffset, long maxOffset, List<ByteBuffer> records,
              int totalBytes) {
        this.status = status;
        this.nextBeginOffset = nextBeginOffset;
        this.minOffset = minOffset;
        this.maxOffset = maxOffset;
        this.records = records;
        this.totalBytes = totalBytes;
    }

    public GetStatus status() {
        return status;
    }

    /** Queue offset the consumer should fetch next. */
    public long nextBeginOffset() {
        return nextBeginOffset;
    }

    public long minOffset() {
        return minOffset;
    }

    public long maxOffset() {
        return maxOffset;
    }

    /** The records (position 0 = record start); empty after {@link #release()}. */
    public List<ByteBuffer> records() {
        return records;
    }

    /** Sum of the record lengths. */
    public int totalBytes() {
        return totalBytes;
    }

    public int messageCount() {
        return records.size();
    }

    /** Ends this result's hold on the mapped files. Idempotent. */
    public void release() {
        records = List.of();
    }

    @Override
    public String toString() {
        return "GetResult[" + status + ", next=" + nextBeginOffset + ", min=" + minOffset + ", max=" + maxOffset
                + ", messages=" + records.size() + ", bytes=" + totalBytes + "]";
    }
}
