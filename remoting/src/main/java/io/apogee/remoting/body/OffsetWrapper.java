package io.apogee.remoting.body;

/**
 * One queue of a {@link ConsumeStats}:
 * {@code {"brokerOffset":4,"consumerOffset":3,"lastTimestamp":1795311704250,"pullOffset":4}} — the queue's next
 * offset, the group's committed offset, how far it has pulled (5.x; never below the committed offset) and the
 * store time of the last consumed message (0 when none).
 */
public final class OffsetWrapper {
    public long brokerOffset;
    public long consumerOffset;
    public long pullOffset;
    public long lastTimestamp;
}
