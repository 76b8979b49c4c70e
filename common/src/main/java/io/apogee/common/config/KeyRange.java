package io.apogee.common.config;

import java.util.Locale;

/**
 * The legal range of one numeric key: its {@link ConfigKey#min()} and {@link ConfigKey#max()}, narrowed to what
 * an {@code int} field can hold. The one place that decides whether a number is legal and how the range is
 * worded, for parsing, for the check of current values and for the generated reference.
 *
 * <p>Immutable, so safe to share between threads.
 *
 * @param min smallest legal value
 * @param max largest legal value
 */
record KeyRange(long min, long max) {

    /** The range of a key of the given field type. */
    static KeyRange of(ConfigKey spec, Class<?> type) {
        if (type == int.class) {
            return new KeyRange(Math.max(spec.min(), Integer.MIN_VALUE), Math.min(spec.max(), Integer.MAX_VALUE));
        }
        return new KeyRange(spec.min(), spec.max());
    }

    boolean contains(long value) {
        return value >= min && value <= max;
    }

    boolean contains(double value) {
        return !Double.isNaN(value) && value >= min && value <= max;
    }

    /** "between 0 and 65535", "at least 1", "at most 7", or "" when neither bound is declared. */
    String text() {
        boolean noLow = min == Long.MIN_VALUE || min == Integer.MIN_VALUE;
        boolean noHigh = max == Long.MAX_VALUE || max == Integer.MAX_VALUE;
        if (noLow && noHigh) {
            return "";
        }
        if (noHigh) {
            return "at least " + min;
        }
        if (noLow) {
            return "at most " + max;
        }
        return String.format(Locale.ROOT, "between %d and %d", min, max);
    }

    /** {@link #text()} preceded by a space, ready to follow "must be a whole number". */
    String suffix() {
        String text = text();
        return text.isEmpty() ? "" : " " + text;
    }
}
