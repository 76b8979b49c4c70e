package io.apogee.broker.topic;

import java.util.Optional;

/**
 * RocketMQ's topic name rule: only {@code [%|a-zA-Z0-9_-]}, 1 to 127 characters. Retry and dead-letter topics
 * ({@code %RETRY%<group>}, {@code %DLQ%<group>}) may be up to 255 characters because group names may be 120.
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
        if (topic.length() > limit) {
            return Optional.of("the topic name '" + topic + "' has " + topic.length()
                    + " characters, more than the allowed " + limit);
        }
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            if (!isLegal(c)) {
                return Optional.of("the topic name '" + topic + "' contains the illegal character '" + c
                        + "' at index " + i + "; allowed are ^[%|a-zA-Z0-9_-]+$");
            }
        }
        return Optional.empty();
    }

    private static boolean isLegal(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '%' || c == '|' || c == '_' || c == '-';
    }
}
