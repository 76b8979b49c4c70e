package io.apogee.common.text;

import java.util.Optional;

/**
 * RocketMQ's rule for the characters of topic and group names: only {@code [%|a-zA-Z0-9_-]}, up to a length limit
 * that depends on the kind of name (the broker's topic and group rules set it; the console checks forms with the
 * same rule before asking a broker). Names are echoed in the answer through {@link ClientText}.
 *
 * <p>Stateless, hence thread-safe. Checking allocates nothing for a legal name.
 */
public final class NameRule {

    /** The characters legal in topic and group names, as RocketMQ's clients print the rule. */
    public static final String ALLOWED = "^[%|a-zA-Z0-9_-]+$";

    private NameRule() {
    }

    /**
     * Empty when {@code name} is non-empty, has legal characters and at most {@code limit} of them; else a sentence
     * naming the {@code kind} ("topic", "group"), the name (rendered safely) and the violated rule.
     */
    public static Optional<String> check(String kind, String name, int limit) {
        if (name == null || name.isEmpty()) {
            return Optional.of("the " + kind + " name is empty");
        }
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
