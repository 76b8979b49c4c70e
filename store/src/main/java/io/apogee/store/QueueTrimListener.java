package io.apogee.store;

/**
 * Told when a cleanup round has moved a consume queue's min offset: the messages at queue offsets
 * {@code [fromOffset, toOffset)} went with the commit-log files that held them. The store does not know who
 * reads a queue; the broker does, and uses this to report unread messages that were deleted (per topic and
 * consumer group, in its log and stats).
 *
 * <p>Called on the cleanup thread, once per trimmed queue, after the files are deleted; implementations must
 * be quick and must not call back into the cleanup.
 */
@FunctionalInterface
public interface QueueTrimListener {

    /** Listens to nothing (the store's default). */
    QueueTrimListener NONE = (topic, queueId, fromOffset, toOffset, cause) -> { };

    /**
     * @param cause why the files went: the round deleted at least one unexpired file ({@link Cause#FORCED})
     *              or only expired ones
     */
    void trimmed(String topic, int queueId, long fromOffset, long toOffset, Cause cause);

    /** Why a cleanup round deleted commit-log files. */
    enum Cause {
        /** Only files older than {@code fileReservedTime}: the retention policy. */
        EXPIRED,
        /** At least one unexpired file, deleted because the disk was fuller than {@code diskMaxUsedSpaceRatio}
         *  and {@code cleanFileForciblyEnable} is on. */
        FORCED
    }
}
