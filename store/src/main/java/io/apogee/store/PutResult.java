package io.apogee.store;

/**
 * Result of a put or batch put. Immutable once built (do not modify {@code wroteOffsets}).
 *
 * @param status         outcome
 * @param wroteOffset    commit-log (physical) offset of the first record; -1 when nothing was written
 * @param queueOffset    logical offset of the first message in its consume queue; -1 when nothing was written
 * @param msgCount       number of records written
 * @param wroteBytes     total bytes of the written records
 * @param storeTimestamp store time stamped on the records (ms); 0 when nothing was written
 * @param wroteOffsets   physical offset of every record (one per batch message)
 * @param reason         why the put failed; null when {@code PUT_OK}
 */
public record PutResult(PutStatus status, long wroteOffset, long queueOffset, int msgCount, int wroteBytes,
                        long storeTimestamp, long[] wroteOffsets, String reason) {

    private static final long[] NONE = new long[0];

    /** A result for a put that wrote nothing. */
    public static PutResult failure(PutStatus status, String reason) {
        return new PutResult(status, -1, -1, 0, 0, 0, NONE, reason);
    }

    /** The same written records with another status, e.g. FLUSH_DISK_TIMEOUT. */
    public PutResult withStatus(PutStatus newStatus, String newReason) {
        return new PutResult(newStatus, wroteOffset, queueOffset, msgCount, wroteBytes, storeTimestamp,
                wroteOffsets, newReason);
    }

    /**
     * True when the message is in the commit log: PUT_OK, or one of the statuses that report a missed guarantee
     * (FLUSH_DISK_TIMEOUT, FLUSH_SLAVE_TIMEOUT, SLAVE_NOT_AVAILABLE) for a message that was nevertheless stored.
     */
    public boolean isStored() {
        return switch (status) {
            case PUT_OK, FLUSH_DISK_TIMEOUT, FLUSH_SLAVE_TIMEOUT, SLAVE_NOT_AVAILABLE -> true;
            default -> false;
        };
    }

    /** True for {@link PutStatus#PUT_OK}. */
    public boolean isOk() {
        return status == PutStatus.PUT_OK;
    }
}
