package io.apogee.console.dlq;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A consumer group that has a dead-letter topic {@code %DLQ%<group>}, with how many dead letters it holds (the sum
 * over its queues of max minus min offset); {@code problem} is non-empty when the count could not be read.
 *
 * <p>Immutable.
 */
public record DlqGroup(String group, long count, String problem) {

    /** The prefix of a group's dead-letter topic. */
    public static final String PREFIX = "%DLQ%";

    public String topic() {
        return PREFIX + group;
    }

    /** The group's dead-letter page. */
    public String link() {
        return path(group);
    }

    /** {@code /dlq/<group>}, the group name encoded ({@code %} and {@code |} are legal in it). */
    public static String path(String group) {
        return "/dlq/" + URLEncoder.encode(group, StandardCharsets.UTF_8);
    }
}
