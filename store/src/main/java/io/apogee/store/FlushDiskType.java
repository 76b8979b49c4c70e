package io.apogee.store;

/**
 * When a put counts as written: after the append ({@link #ASYNC_FLUSH}) or after the disk force
 * ({@link #SYNC_FLUSH}).
 */
public enum FlushDiskType {
    /**
     * A background thread forces the commit log every {@code flushIntervalCommitLog} ms; puts return after the
     * append.
     */
    ASYNC_FLUSH,
    /** Group commit: a put completes only once the commit log has been forced past its record. */
    SYNC_FLUSH
}
