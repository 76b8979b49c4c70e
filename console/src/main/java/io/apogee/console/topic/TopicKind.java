package io.apogee.console.topic;

import java.util.Set;

/**
 * What a topic is for, from its name: a user's topic, a group's retry or dead-letter topic, or one of the topics
 * brokers keep for themselves (RocketMQ's system topics, and the cluster and broker names, which brokers register
 * as topics too). The topic list hides all but user topics unless asked.
 */
public enum TopicKind {
    NORMAL("normal"),
    RETRY("retry"),
    DEAD_LETTER("dead letter"),
    SYSTEM("system");

    private static final Set<String> SYSTEM_TOPICS = Set.of("TBW102", "SCHEDULE_TOPIC_XXXX", "OFFSET_MOVED_EVENT",
            "SELF_TEST_TOPIC", "BenchmarkTest", "TRANS_CHECK_MAX_TIME_TOPIC", "RMQ_SYS_TRANS_HALF_TOPIC",
            "RMQ_SYS_TRANS_OP_HALF_TOPIC", "RMQ_SYS_TRACE_TOPIC", "rmq_sys_wheel_timer");

    private final String text;

    TopicKind(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** The kind of {@code topic}; {@code clusterOrBroker} says it is a cluster or broker name. */
    public static TopicKind of(String topic, boolean clusterOrBroker) {
        if (topic.startsWith("%RETRY%")) {
            return RETRY;
        }
        if (topic.startsWith("%DLQ%")) {
            return DEAD_LETTER;
        }
        if (clusterOrBroker || SYSTEM_TOPICS.contains(topic) || topic.startsWith("RMQ_SYS_")
                || topic.startsWith("rmq_sys_")) {
            return SYSTEM;
        }
        return NORMAL;
    }
}
