package io.apogee.broker.topic;

import io.apogee.common.text.NameRule;
import java.util.Optional;

/**
 * The rule for consumer and producer group names, checked wherever a group name enters the broker (heartbeats,
 * pulls, offsets, send-back, queue locks, consumer lists, sends to {@code %RETRY%<group>}): the topic name's
 * characters {@code [%|a-zA-Z0-9_-]} (shared with {@link TopicNameRule}), 1 to {@value #MAX_LENGTH} characters
 * (docs/protocol/10-properties-and-system-topics.md §2).
 *
 * <p>Why {@value #MAX_LENGTH}: the 5.4.0 client refuses groups longer than 120 characters, the 4.9.8 client
 * those longer than 255; {@value #MAX_LENGTH} is the longest group whose retry topic {@code %RETRY%<group>} is
 * still a legal retry topic ({@link TopicNameRule#MAX_RETRY_LENGTH}, and a legal consume-queue directory name).
 * So every group a 5.4.0 client accepts is legal here, and a 4.9.8 group is refused only where it could not get
 * a retry topic anyway. (The Apache 5.x broker refuses to auto-create groups longer than 120.)
 *
 * <p>Stateless, hence thread-safe. Checking allocates nothing for a legal name.
 */
public final class GroupNameRule {

    /** Longest legal group name: 255 - {@code "%RETRY%".length()}. */
    public static final int MAX_LENGTH = TopicNameRule.MAX_RETRY_LENGTH - SystemTopics.RETRY_PREFIX.length();

    private GroupNameRule() {
    }

    /** Empty when {@code group} is legal, else a sentence naming the group (rendered safely) and the rule. */
    public static Optional<String> check(String group) {
        return NameRule.check("group", group, MAX_LENGTH);
    }
}
