package io.apogee.broker.topic;

import io.apogee.common.text.NameRule;
import java.util.Optional;

/**
 * RocketMQ's topic name rule: only {@code [%|a-zA-Z0-9_-]}, 1 to 127 characters. Retry and dead-letter topics
 * ({@code %RETRY%<group>}, {@code %DLQ%<group>}) may be up to 255 characters, which also keeps every topic name a
 * legal directory name for its consume queues (255 bytes on Linux). Consumer and producer group names follow
 * the same character rule ({@link GroupNameRule}); the character rule itself is {@link NameRule}.
 *
 * <p>Stateless, hence thread-safe. Checking allocates nothing for a legal name.
 */
public final class TopicNameRule {

    /** Longest legal ordinary topic name. */
    public static final int MAX_LENGTH = 127;
    /** Longest legal retry / dead-letter topic name. */
    public static final int MAX_RETRY_LENGTH = 255;

    private TopicNameRule() {
    }

    /** Empty when {@code topic} is legal, else a sentence naming the topic and the violated rule. */
    public static Optional<String> check(String topic) {
        if (topic == null || topic.isEmpty()) {
            return Optional.of("the topic name is empty");
        }
        int limit = SystemTopics.isRetryOrDlq(topic) ? MAX_RETRY_LENGTH : MAX_LENGTH;
        return NameRule.check("topic", topic, limit);
    }
}
