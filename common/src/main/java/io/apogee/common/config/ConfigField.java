package io.apogee.common.config;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * One {@link ConfigKey}-annotated field of one config object: reads and writes its value.
 *
 * <p>Not thread-safe: fields are written while the configuration is bound, before any server thread starts.
 */
record ConfigField(Object owner, Field field, ConfigKey spec) {

    ConfigField {
        if (Modifier.isStatic(field.getModifiers()) || Modifier.isFinal(field.getModifiers())) {
            throw new IllegalArgumentException("config key field must be neither static nor final: " + field);
        }
        if (!ValueParser.supports(field.getType())) {
            throw new IllegalArgumentException("unsupported config key type " + field.getType().getName()
                    + " of " + field);
        }
        field.setAccessible(true);
    }

    String name() {
        return field.getName();
    }

    /** Parses the trimmed value and stores it; throws {@link ConfigException} if it does not fit. */
    void assign(String value) {
        Object parsed = ValueParser.parse(name(), value, field.getType(), spec);
        try {
            field.set(owner, parsed);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot write config field " + field, e);
        }
    }

    /** The effective value as text, as it would be written in a config file. */
    String currentValue() {
        try {
            Object value = field.get(owner);
            return value == null ? "" : value.toString();
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read config field " + field, e);
        }
    }
}
