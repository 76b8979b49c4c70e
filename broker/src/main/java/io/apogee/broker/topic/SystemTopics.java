package io.apogee.broker.topic;

import java.util.Set;

/**
 * Names of RocketMQ's built-in and special topics, and which of them producers may not send to.
 *
 * <p>Constants only, hence thread-safe.
 */
public final class SystemTopics {

    /** Template topic for auto-created topics (perm 7). */
    public static final String AUTO_CREATE_TEMPLATE = "TBW102";
    public static final String SELF_TEST = "SELF_TEST_TOPIC";
    public static final String OFFSET_MOVED_EVENT = "OFFSET_MOVED_EVENT";
    public static final String SCHEDULE = "SCHEDULE_TOPIC_XXXX";
    public static final String TRANS_HALF = "RMQ_SYS_TRANS_HALF_TOPIC";
    public static final String TRANS_OP_HALF = "RMQ_SYS_TRANS_OP_HALF_TOPIC";
    public static final String TRANS_CHECK_MAX_TIME = "TRANS_CHECK_MAX_TIME_TOPIC";
    public static final String RETRY_PREFIX = "%RETRY%";
    public static final String DLQ_PREFIX = "%DLQ%";

    private static final Set<String> NOT_SENDABLE = Set.of(SCHEDULE, TRANS_HALF, TRANS_OP_HALF,
            TRANS_CHECK_MAX_TIME, SELF_TEST, OFFSET_MOVED_EVENT);

    private SystemTopics() {
    }

    /** True for the internal topics a producer may not send to directly. */
    public static boolean isNotSendable(String topic) {
        return NOT_SENDABLE.contains(topic);
    }

    public static boolean isRetry(String topic) {
        return topic.startsWith(RETRY_PREFIX);
    }

    public static boolean isRetryOrDlq(String topic) {
        return topic.startsWith(RETRY_PREFIX) || topic.startsWith(DLQ_PREFIX);
    }
}
