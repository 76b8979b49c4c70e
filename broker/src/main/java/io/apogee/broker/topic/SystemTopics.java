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

    public static final String BENCHMARK = "BenchmarkTest";
    public static final String TRACE = "RMQ_SYS_TRACE_TOPIC";
    /** Where timer messages wait for their delivery time (Apache's {@code TimerMessageStore.TIMER_TOPIC}). */
    public static final String WHEEL_TIMER = "rmq_sys_wheel_timer";
    /** Suffix of the reply topic {@code <brokerClusterName>_REPLY_TOPIC} of request-reply (Apache's MixAll). */
    public static final String REPLY_TOPIC_SUFFIX = "_REPLY_TOPIC";
    /** Prefix of RocketMQ 5's internal topics (pop revive, timer, broker member sync...). */
    public static final String SYSTEM_PREFIX = "rmq_sys_";

    /** RocketMQ's fixed system topics (TopicValidator); a broker adds its cluster and broker name topics. */
    public static final Set<String> SYSTEM = Set.of(AUTO_CREATE_TEMPLATE, SCHEDULE, BENCHMARK, TRANS_HALF, TRACE,
            TRANS_OP_HALF, TRANS_CHECK_MAX_TIME, SELF_TEST, OFFSET_MOVED_EVENT, "CHECKPOINT_TOPIC",
            "RMQ_SYS_ROCKSDB_TRANS_HALF_TOPIC", "RMQ_SYS_ROCKSDB_TRANS_OP_HALF_TOPIC");

    private static final Set<String> NOT_SENDABLE = Set.of(SCHEDULE, TRANS_HALF, TRANS_OP_HALF,
            TRANS_CHECK_MAX_TIME, SELF_TEST, OFFSET_MOVED_EVENT, WHEEL_TIMER);

    private SystemTopics() {
    }

    /** True for the internal topics a producer may not send to directly. */
    public static boolean isNotSendable(String topic) {
        return NOT_SENDABLE.contains(topic);
    }

    /** True for RocketMQ's system topics: {@link #SYSTEM}, the {@code rmq_sys_} ones and reply topics. */
    public static boolean isSystem(String topic) {
        return SYSTEM.contains(topic) || topic.startsWith(SYSTEM_PREFIX) || topic.endsWith(REPLY_TOPIC_SUFFIX);
    }

    /** The reply topic of a cluster, {@code <cluster>_REPLY_TOPIC}, where replies are stored. */
    public static String replyTopic(String cluster) {
        return cluster + REPLY_TOPIC_SUFFIX;
    }

    public static boolean isRetry(String topic) {
        return topic.startsWith(RETRY_PREFIX);
    }

    public static boolean isRetryOrDlq(String topic) {
        return topic.startsWith(RETRY_PREFIX) || topic.startsWith(DLQ_PREFIX);
    }
}
