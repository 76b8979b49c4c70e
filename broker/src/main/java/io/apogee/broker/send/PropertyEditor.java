package io.apogee.broker.send;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Edits a RocketMQ properties string ({@code key U+0001 value U+0002 ...}, see {@link MessageProperties}):
 * parse once, set / remove keys, render again. Key order is kept; a set key that already exists keeps its
 * place. Used on the rarer paths (delay parking, retries, dead letters) where one map per message is fine.
 *
 * <p>Not thread-safe: one instance per message, confined to the thread that builds it.
 */
public final class PropertyEditor {

    private final Map<String, String> entries = new LinkedHashMap<>();

    private PropertyEditor() {
    }

    /** An editor holding the well-formed entries of {@code props} (null or empty: none). */
    public static PropertyEditor of(String props) {
        PropertyEditor editor = new PropertyEditor();
        if (props == null) {
            return editor;
        }
        int start = 0;
        int n = props.length();
        while (start < n) {
            int end = props.indexOf(MessageProperties.PROPERTY_SEPARATOR, start);
            if (end < 0) {
                end = n;
            }
            int sep = props.indexOf(MessageProperties.NAME_VALUE_SEPARATOR, start);
            if (sep > start && sep < end - 1) {
                editor.entries.put(props.substring(start, sep), props.substring(sep + 1, end));
            }
            start = end + 1;
        }
        return editor;
    }

    /** The value of {@code key}, or null. */
    public String get(String key) {
        return entries.get(key);
    }

    public PropertyEditor set(String key, String value) {
        entries.put(key, value);
        return this;
    }

    /** Sets {@code key} only when it has no value yet. */
    public PropertyEditor setIfAbsent(String key, String value) {
        entries.putIfAbsent(key, value);
        return this;
    }

    public PropertyEditor remove(String... keys) {
        for (String key : keys) {
            entries.remove(key);
        }
        return this;
    }

    /** The properties string, every entry terminated by U+0002 ("" when empty). */
    public String render() {
        StringBuilder sb = new StringBuilder(64);
        entries.forEach((k, v) -> sb.append(k).append(MessageProperties.NAME_VALUE_SEPARATOR).append(v)
                .append(MessageProperties.PROPERTY_SEPARATOR));
        return sb.toString();
    }
}
