package io.apogee.store.index;

import java.util.List;

/**
 * The answer of an index look-up. Immutable.
 *
 * @param offsets                  commit-log offsets of the matching records, newest first
 * @param indexLastUpdateTimestamp store time of the newest indexed record (the newest file's endTimestamp)
 * @param indexLastUpdatePhyOffset commit-log offset of the newest indexed record (its endPhyOffset)
 * @param reads                    slots and entries read to answer
 */
public record IndexHits(List<Long> offsets, long indexLastUpdateTimestamp, long indexLastUpdatePhyOffset,
                        int reads) {

    public IndexHits {
        offsets = List.copyOf(offsets);
    }
}
