package io.apogee.common.message;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Edits a properties string ({@link MessageProperties}): parse once, set or remove keys, render again. Reading
 * follows {@link MessageProperties}' one rule (entries with an empty name or value are dropped); key order is kept
 * and a set key that already exists keeps its place. For the rarer paths (delay parking, retries, dead letters,
 * transactions) where one map per message is fine.
 *
 * <p>Not thread-safe: one instance per message, confined to the thread that builds it.
 */
public final class PropertyEditor {

    private final Map<String, String> entries = new LinkedHashMap<>();

    private PropertyEditor() {
    }

    /** An editor holding the entries of {@code props} that count (null or empty: none). */
    public static PropertyEditor of(String props) {
        PropertyEditor editor = new PropertyEditor();
        if (props != null) {
            MessageProperties.forEachEntry(props, (p, from, separator, end) ->
                    editor.entries.put(p.substring(from, separator), p.substring(separator + 1, end)));
        }
        return editor;
    }

    /** The value of {@code key}, or null. */
    public String get(String key) {
        return entries.get(key);
    }

    /** Sets {@code key}; an empty value removes it (it would not count when read back). */
    public PropertyEditor set(String key, String value) {
        if (value == null || value.isEmpty()) {
            entries.remove(key);
        } else {
            entries.put(key, value);
        }
        return this;
    }

    /** Sets {@code key} only when it has no value yet. */
    public PropertyEditor setIfAbsent(String key, String value) {
        if (!entries.containsKey(key)) {
            set(key, value);
        }
        return this;
    }

    public PropertyEditor remove(String... keys) {
        for (String key : keys) {
            entries.remove(key);
        }
        return this;
    }

    /** The properties string, every entry followed by U+0002 ("" when empty). */
    public String render() {
        StringBuilder sb = new StringBuilder(64);
        entries.forEach((k, v) -> MessageProperties.append(sb, k, v));
        return sb.toString();
    }
}
