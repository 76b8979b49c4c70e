package io.apogee.common.config;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every key of a group of config objects, by canonical name and by alias. A key present in several objects
 * (e.g. {@code listenPort}) maps to all of them.
 *
 * <p>Built once per bind and then only read; not shared between threads.
 */
final class KeyIndex {

    private final Map<String, List<ConfigField>> byName = new LinkedHashMap<>();
    private final Map<String, String> aliasToName = new HashMap<>();

    KeyIndex(Object... configs) {
        for (Object config : configs) {
            for (Field field : declaredFields(config.getClass())) {
                ConfigKey spec = field.getAnnotation(ConfigKey.class);
                if (spec != null) {
                    add(new ConfigField(config, field, spec));
                }
            }
        }
    }

    private static List<Field> declaredFields(Class<?> type) {
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            chain.add(0, c);
        }
        List<Field> fields = new ArrayList<>();
        for (Class<?> c : chain) {
            fields.addAll(List.of(c.getDeclaredFields()));
        }
        return fields;
    }

    private void add(ConfigField field) {
        byName.computeIfAbsent(field.name(), n -> new ArrayList<>()).add(field);
        for (String alias : field.spec().aliases()) {
            aliasToName.put(alias, field.name());
        }
    }

    /** The canonical name of a key given by its name or one of its aliases. */
    Optional<String> canonical(String key) {
        if (byName.containsKey(key)) {
            return Optional.of(key);
        }
        return Optional.ofNullable(aliasToName.get(key));
    }

    /** The fields a canonical name writes to. */
    List<ConfigField> fields(String name) {
        return byName.getOrDefault(name, List.of());
    }

    /** Canonical names in declaration order. */
    Set<String> names() {
        return byName.keySet();
    }

    /**
     * The known key closest to an unknown one by case-insensitive edit distance, if it is close enough to be
     * a likely typo.
     */
    Optional<String> nearest(String unknown) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : byName.keySet()) {
            int distance = EditDistance.between(unknown, name);
            if (distance < bestDistance) {
                best = name;
                bestDistance = distance;
            }
        }
        int tolerance = Math.max(2, unknown.length() / 4);
        return bestDistance <= tolerance ? Optional.ofNullable(best) : Optional.empty();
    }
}
