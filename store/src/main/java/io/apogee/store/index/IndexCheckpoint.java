package io.apogee.store.index;

/**
 * What the store checkpoint records about the message index: the newest index file and its header at a whole
 * record, taken before that file (and every older one) was forced. After a crash the index is cut back to it
 * ({@link MessageIndex#recover}) and rebuilt from the commit log after {@code endPhyOffset}. Immutable.
 *
 * @param fileName     the newest file's name as a number (yyyyMMddHHmmssSSS); 0 when there was no index file
 * @param count        its entry count (next entry number, ≥ 1)
 * @param endPhyOffset commit-log offset of the last indexed record (−1 when nothing was indexed)
 * @param endTimestamp store time of that record (0 when nothing was indexed)
 * @param covered      commit-log offset below which every record is in the forced index (the dispatched offset
 *                     read before the snapshot); the replay after a crash starts at or before it (−1 unknown)
 */
public record IndexCheckpoint(long fileName, int count, long endPhyOffset, long endTimestamp, long covered) {

    /** Nothing known about the index. */
    public static final IndexCheckpoint EMPTY = new IndexCheckpoint(0, 1, -1, 0, -1);

    /** The same snapshot, covering the records below {@code offset}. */
    IndexCheckpoint covering(long offset) {
        return new IndexCheckpoint(fileName, count, endPhyOffset, endTimestamp, offset);
    }
}
