package io.apogee.broker.topic;

import io.apogee.common.text.ClientText;
import java.util.Optional;

/**
 * RocketMQ's topic name rule: only {@code [%|a-zA-Z0-9_-]}, 1 to 127 characters. Retry and dead-letter topics
 * ({@code %RETRY%<group>}, {@code %DLQ%<group>}) may be up to 255 characters, which also keeps every topic name a
 * legal directory name for its consume queues (255 bytes on Linux). Consumer and producer group names follow
 * the same character rule ({@link GroupNameRule}). Names are echoed in the answer through {@link ClientText}.
 *
 * <p>Stateless, hence thread-safe. Checking allocates nothing for a legal name.
 */
public final class TopicNameRule {

    /** Longest legal ordinary topic name. */
    public static final int MAX_LENGTH = 127;
    /** Longest legal retry / dead-letter topic name. */
    public static final int MAX_RETRY_LENGTH = 255;
    /** The characters legal in topic and group names, as RocketMQ's clients print the rule. */
    static final String ALLOWED = "^[%|a-zA-Z0-9_-]+$";

    private TopicNameRule() {
    }

    /** Empty when {@code topic} is legal, else a sentence naming the topic and the violated rule. */
    public static Optional<String> check(String topic) {
        if (topic == null || topic.isEmpty()) {
            return Optional.of("the topic name is empty");
        }
        int limit = SystemTopics.isRetryOrDlq(topic) ? MAX_RETRY_LENGTH : MAX_LENGTH;
        return check("topic", topic, limit);
    }

    /** Empty when the non-empty {@code name} has legal characters and at most {@code limit} of them. */
    static Optional<String> check(String kind, String name, int limit) {
        if (name.length() > limit) {
            return Optional.of("the " + kind + " name '" + ClientText.of(name) + "' has " + name.length()
                    + " characters, more than the allowed " + limit);
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isLegal(c)) {
                return Optional.of("the " + kind + " name '" + ClientText.of(name)
                        + "' contains the illegal character '" + ClientText.of(String.valueOf(c)) + "' at index " + i
                        + "; allowed are " + ALLOWED);
            }
        }
        return Optional.empty();
    }

    private static boolean isLegal(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '%' || c == '|' || c == '_' || c == '-';
    }
}
