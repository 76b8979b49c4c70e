package io.apogee.common.config;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Optional;

/**
 * One {@link ConfigKey}-annotated field of one config object: reads and writes its value, and checks the current
 * value against the key's range.
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

    Class<?> type() {
        return field.getType();
    }

    /** The legal range of a numeric key (meaningless for other types). */
    KeyRange range() {
        return KeyRange.of(spec, type());
    }

    /** Parses the trimmed value and stores it; throws {@link ConfigException} if it does not fit. */
    void assign(String value) {
        Object parsed = ValueParser.parse(name(), value, type(), spec);
        try {
            field.set(owner, parsed);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot write config field " + field, e);
        }
    }

    /** The effective value as text, as it would be written in a config file. */
    String currentValue() {
        Object value = read();
        return value == null ? "" : value.toString();
    }

    /**
     * Why the current value is illegal, whoever set it (a file or code): a number outside the key's range, or
     * a missing enum constant. Empty when it is legal.
     */
    Optional<ConfigException> violation() {
        Object value = read();
        if (type().isEnum() && value == null) {
            return Optional.of(ConfigException.invalidValue(name(), "", ValueParser.enumRule(type())));
        }
        if (value instanceof Number number && !inRange(number)) {
            return Optional.of(ConfigException.invalidValue(name(), currentValue(),
                    ValueParser.numberRule(type(), range())));
        }
        return Optional.empty();
    }

    private boolean inRange(Number number) {
        return number instanceof Double ? range().contains(number.doubleValue()) : range().contains(number.longValue());
    }

    private Object read() {
        try {
            return field.get(owner);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read config field " + field, e);
        }
    }
}
