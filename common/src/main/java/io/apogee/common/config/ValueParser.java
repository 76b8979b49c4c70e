package io.apogee.common.config;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Turns the text of one config value into the Java value of its field: {@code String}, {@code int},
 * {@code long}, {@code boolean}, {@code double} or an enum (matched case-insensitively). Numbers are checked
 * against the key's {@link KeyRange}.
 *
 * <p>Stateless, so safe to use from any thread.
 */
final class ValueParser {

    private ValueParser() {
    }

    /** True for the field types this parser understands. */
    static boolean supports(Class<?> type) {
        return type == String.class || type == int.class || type == long.class || type == boolean.class
                || type == double.class || type.isEnum();
    }

    /**
     * Parses an already trimmed value.
     *
     * @throws ConfigException naming key, value and what is legal when the value does not fit
     */
    static Object parse(String key, String value, Class<?> type, ConfigKey spec) {
        if (type == String.class) {
            return value;
        }
        if (type == boolean.class) {
            return parseBoolean(key, value);
        }
        if (type == int.class) {
            return (int) parseWhole(key, value, KeyRange.of(spec, type));
        }
        if (type == long.class) {
            return parseWhole(key, value, KeyRange.of(spec, type));
        }
        if (type == double.class) {
            return parseDouble(key, value, KeyRange.of(spec, type));
        }
        if (type.isEnum()) {
            return parseEnum(key, value, type);
        }
        throw new IllegalArgumentException("unsupported config field type " + type.getName() + " for key " + key);
    }

    /** The constants of an enum type, comma separated, in declaration order. */
    static String enumConstants(Class<?> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(c -> ((Enum<?>) c).name())
                .collect(Collectors.joining(", "));
    }

    /** What an enum key accepts, as the error messages word it. */
    static String enumRule(Class<?> type) {
        return "must be one of " + enumConstants(type) + " (any case)";
    }

    /** What a numeric key accepts, as the error messages word it. */
    static String numberRule(Class<?> type, KeyRange range) {
        return (type == double.class ? "must be a number" : "must be a whole number") + range.suffix();
    }

    private static boolean parseBoolean(String key, String value) {
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw ConfigException.invalidValue(key, value, "must be true or false");
    }

    private static long parseWhole(String key, String value, KeyRange range) {
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ConfigException.invalidValue(key, value, numberRule(long.class, range));
        }
        if (!range.contains(parsed)) {
            throw ConfigException.invalidValue(key, value, numberRule(long.class, range));
        }
        return parsed;
    }

    private static double parseDouble(String key, String value, KeyRange range) {
        double parsed;
        try {
            parsed = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw ConfigException.invalidValue(key, value, numberRule(double.class, range));
        }
        if (!range.contains(parsed)) {
            throw ConfigException.invalidValue(key, value, numberRule(double.class, range));
        }
        return parsed;
    }

    private static Object parseEnum(String key, String value, Class<?> type) {
        for (Object constant : type.getEnumConstants()) {
            if (((Enum<?>) constant).name().equalsIgnoreCase(value)) {
                return constant;
            }
        }
        throw ConfigException.invalidValue(key, value, enumRule(type));
    }
}
