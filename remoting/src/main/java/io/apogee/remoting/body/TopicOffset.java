package io.apogee.remoting.body;

/**
 * One queue of a {@link TopicStatsTable}: {@code {"lastUpdateTimestamp":1795311704250,"maxOffset":4,"minOffset":0}}
 * — the queue's first and next logical offsets and the store time of its newest message (0 when empty).
 */
public final class TopicOffset {
    public long minOffset;
    public long maxOffset;
    public long lastUpdateTimestamp;

    public TopicOffset() {
    }

    public TopicOffset(long minOffset, long maxOffset, long lastUpdateTimestamp) {
        this.minOffset = minOffset;
        this.maxOffset = maxOffset;
        this.lastUpdateTimestamp = lastUpdateTimestamp;
    }
}
