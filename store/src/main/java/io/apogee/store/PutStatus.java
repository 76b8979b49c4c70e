package io.apogee.store;

/** Outcome of a put. Every value other than {@link #PUT_OK} comes with a human-readable reason. */
public enum PutStatus {
    PUT_OK,
    /** SYNC_FLUSH only: the record is appended but was not forced to disk within {@code syncFlushTimeout}. */
    FLUSH_DISK_TIMEOUT,
    /** SYNC_MASTER only: stored on the master, but no slave confirmed it within {@code slaveTimeout}. */
    FLUSH_SLAVE_TIMEOUT,
    /** SYNC_MASTER only: stored on the master; no slave is connected, or the slaves are too far behind. */
    SLAVE_NOT_AVAILABLE,
    /** Body too large, topic too long or not a legal file name, missing host, batch of mixed queues, ... */
    MESSAGE_ILLEGAL,
    /** The properties string is longer than 32767 bytes. */
    PROPERTIES_SIZE_EXCEEDED,
    /** The store is not running (not started, closing) or is a slave. */
    SERVICE_NOT_AVAILABLE,
    /** An I/O failure while appending (e.g. a new commit-log file could not be created). */
    UNKNOWN_ERROR
}
