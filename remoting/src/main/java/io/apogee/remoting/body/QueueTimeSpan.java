package io.apogee.remoting.body;

/**
 * One queue of a {@link QueryConsumeTimeSpanBody}: {@code {"consumeTimeStamp":…,"delayTime":…,"maxTimeStamp":…,
 * "messageQueue":{"brokerName":"b","queueId":0,"topic":"T"},"minTimeStamp":…}} — store times (ms) of the queue's
 * oldest and newest messages and of the group's last consumed one, and how long the next unconsumed message has
 * waited (0 when the group is caught up). Apache's bean also writes derived {@code *TimeStampStr} texts, which no
 * reader uses; Apogee leaves them out.
 */
public final class QueueTimeSpan {
    public MessageQueueBody messageQueue;
    public long minTimeStamp;
    public long maxTimeStamp;
    public long consumeTimeStamp;
    public long delayTime;
}
