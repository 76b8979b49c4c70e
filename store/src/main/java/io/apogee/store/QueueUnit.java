package io.apogee.store;

/**
 * One raw consume-queue unit, as read for admin tools (QUERY_CONSUME_QUEUE): the 20 bytes of
 * {@link ConsumeQueue}'s layout and the logical offset they sit at.
 *
 * @param queueOffset     logical offset of the unit in its queue
 * @param commitLogOffset physical offset of the record it points at
 * @param size            record length (0 for a unit recovery emptied)
 * @param tagsCode        the tag hash (0 without tag)
 *
 * <p>Immutable, so safe to share between threads.
 */
public record QueueUnit(long queueOffset, long commitLogOffset, int size, long tagsCode) {
}
