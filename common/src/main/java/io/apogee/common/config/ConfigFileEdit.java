package io.apogee.common.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites the text of a properties config file ({@code broker.conf}, {@code namesrv.conf}) with new values for
 * some keys, keeping everything else as it was: comments, blank lines, order and the other keys. A line setting
 * a changed key (by its name or an old spelling) becomes {@code name=value}; keys the file did not set are
 * appended at the end. Values are written with properties escaping of {@code \}; continuation lines of a
 * changed key are not expected (RocketMQ's files have none) and are kept as they are.
 *
 * <p>Stateless apart from its inputs; not shared between threads.
 */
final class ConfigFileEdit {

    private final KeyIndex index;

    ConfigFileEdit(KeyIndex index) {
        this.index = index;
    }

    /** The file text with {@code changes} (canonical name to value) applied. */
    String apply(String text, Map<String, String> changes) {
        Map<String, String> pending = new LinkedHashMap<>(changes);
        List<String> out = new ArrayList<>();
        for (String line : text.split("\\R", -1)) {
            String name = index.canonical(keyOf(line)).orElse(null);
            if (name != null && changes.containsKey(name)) {
                if (pending.remove(name) != null) {
                    out.add(name + "=" + escape(changes.get(name)));
                }
                continue;
            }
            out.add(line);
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        pending.forEach((name, value) -> out.add(name + "=" + escape(value)));
        return String.join(System.lineSeparator(), out) + System.lineSeparator();
    }

    /** The key a properties line sets, or "" for a comment or blank line. */
    static String keyOf(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!")) {
            return "";
        }
        int end = 0;
        while (end < trimmed.length() && "=: \t".indexOf(trimmed.charAt(end)) < 0) {
            end++;
        }
        return trimmed.substring(0, end);
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\");
    }
}
