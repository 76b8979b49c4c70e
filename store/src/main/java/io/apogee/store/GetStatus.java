package io.apogee.store;

/** Outcome of {@link MessageStore#get}; the names are RocketMQ's (they appear as the pull response remark). */
public enum GetStatus {
    /** At least one message matched. */
    FOUND,
    /** Messages were scanned but none passed the filter; continue at {@code nextBeginOffset}. */
    NO_MATCHED_MESSAGE,
    /** The consume-queue units point at commit-log data that has been deleted. */
    MESSAGE_WAS_REMOVING,
    /** Units were scanned but none could be read (holes). */
    OFFSET_FOUND_NULL,
    /** offset greater than the queue's max offset. */
    OFFSET_OVERFLOW_BADLY,
    /** offset equals the max offset: the consumer is caught up. */
    OFFSET_OVERFLOW_ONE,
    /** offset below the queue's min offset. */
    OFFSET_TOO_SMALL,
    /** The topic or queue id is not a legal queue name. */
    NO_MATCHED_LOGIC_QUEUE,
    /** The queue has never received a message. */
    NO_MESSAGE_IN_QUEUE
}
