package io.apogee.common.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Turns the text of one config value into the Java value of its field: {@code String}, {@code int},
 * {@code long}, {@code boolean}, {@code double} or an enum (matched case-insensitively). Numbers are checked
 * against the key's {@link ConfigKey#min()} and {@link ConfigKey#max()}.
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
            long low = Math.max(spec.min(), Integer.MIN_VALUE);
            long high = Math.min(spec.max(), Integer.MAX_VALUE);
            return (int) parseWhole(key, value, low, high);
        }
        if (type == long.class) {
            return parseWhole(key, value, spec.min(), spec.max());
        }
        if (type == double.class) {
            return parseDouble(key, value, spec);
        }
        if (type.isEnum()) {
            return parseEnum(key, value, type);
        }
        throw new IllegalArgumentException("unsupported config field type " + type.getName() + " for key " + key);
    }

    private static boolean parseBoolean(String key, String value) {
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw invalid(key, value, "must be true or false");
    }

    private static long parseWhole(String key, String value, long low, long high) {
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw invalid(key, value, "must be a whole number" + range(low, high));
        }
        if (parsed < low || parsed > high) {
            throw invalid(key, value, "must be" + range(low, high));
        }
        return parsed;
    }

    private static double parseDouble(String key, String value, ConfigKey spec) {
        double parsed;
        try {
            parsed = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw invalid(key, value, "must be a number" + range(spec.min(), spec.max()));
        }
        if (Double.isNaN(parsed) || parsed < spec.min() || parsed > spec.max()) {
            throw invalid(key, value, "must be a number" + range(spec.min(), spec.max()));
        }
        return parsed;
    }

    private static Object parseEnum(String key, String value, Class<?> type) {
        for (Object constant : type.getEnumConstants()) {
            if (((Enum<?>) constant).name().equalsIgnoreCase(value)) {
                return constant;
            }
        }
        String legal = Arrays.stream(type.getEnumConstants())
                .map(c -> ((Enum<?>) c).name())
                .collect(Collectors.joining(", "));
        throw invalid(key, value, "must be one of " + legal + " (any case)");
    }

    /** " between 0 and 10", " at least 1", ... or "" when the key has no bounds. */
    private static String range(long low, long high) {
        boolean noLow = low == Long.MIN_VALUE;
        boolean noHigh = high == Long.MAX_VALUE;
        if (noLow && noHigh) {
            return "";
        }
        if (noHigh) {
            return " at least " + low;
        }
        if (noLow) {
            return " at most " + high;
        }
        return String.format(Locale.ROOT, " between %d and %d", low, high);
    }

    private static ConfigException invalid(String key, String value, String legal) {
        return new ConfigException(key, value,
                "Invalid value for config key '" + key + "': '" + value + "' " + legal);
    }
}
