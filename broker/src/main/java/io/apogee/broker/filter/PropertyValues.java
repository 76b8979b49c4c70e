package io.apogee.broker.filter;

/**
 * Reads property values straight out of a stored message's properties string without copying them.
 *
 * <p>Format of that string (see {@code 09-message-format.md}): entries {@code name U+0001 value} separated by
 * {@code U+0002}, e.g. {@code "a\u00013\u0002TAGS\u0001TagA\u0002"}. A value is addressed by a packed range:
 * start index in the high 32 bits, end index (exclusive) in the low 32 bits; {@link #ABSENT} when the name
 * does not occur. Numbers are recognised as {@code [+-]digits[.digits][(e|E)[+-]digits]} (or {@code .digits}).
 *
 * <p>Stateless, thread-safe; allocates nothing except when parsing a decimal value.
 */
final class PropertyValues {

    static final long ABSENT = -1L;

    /** Not a number, an integer that fits a long, or any other number (parsed as double). */
    enum NumberKind { NONE, INTEGER, DECIMAL }

    private static final char NAME_END = '\u0001';
    private static final char ENTRY_END = '\u0002';
    private static final int MAX_LONG_DIGITS = 18;

    private PropertyValues() {
    }

    /** The packed range of {@code name}'s value in {@code props}, or {@link #ABSENT}. */
    static long find(String props, String name) {
        int length = props.length();
        int nameLength = name.length();
        int from = 0;
        while (from < length) {
            int end = props.indexOf(ENTRY_END, from);
            if (end < 0) {
                end = length;
            }
            int nameEnd = from + nameLength;
            if (nameEnd < end && props.charAt(nameEnd) == NAME_END && props.regionMatches(from, name, 0, nameLength)) {
                return ((long) (nameEnd + 1) << 32) | end;
            }
            from = end + 1;
        }
        return ABSENT;
    }

    static int start(long range) {
        return (int) (range >>> 32);
    }

    static int end(long range) {
        return (int) range;
    }

    static String text(String props, long range) {
        return props.substring(start(range), end(range));
    }

    static boolean equalsText(String props, long range, String text) {
        int start = start(range);
        return end(range) - start == text.length() && props.regionMatches(start, text, 0, text.length());
    }

    static boolean startsWith(String props, long range, String text) {
        int start = start(range);
        return end(range) - start >= text.length() && props.regionMatches(start, text, 0, text.length());
    }

    static boolean endsWith(String props, long range, String text) {
        int end = end(range);
        return end - start(range) >= text.length() && props.regionMatches(end - text.length(), text, 0, text.length());
    }

    static boolean contains(String props, long range, String text) {
        int at = props.indexOf(text, start(range));
        return at >= 0 && at + text.length() <= end(range);
    }

    /** What kind of number the value is, if any. */
    static NumberKind numberKind(String props, long range) {
        int i = start(range);
        int end = end(range);
        if (i < end && (props.charAt(i) == '+' || props.charAt(i) == '-')) {
            i++;
        }
        int intDigits = countDigits(props, i, end);
        i += intDigits;
        int fractionDigits = 0;
        boolean decimal = false;
        if (i < end && props.charAt(i) == '.') {
            decimal = true;
            fractionDigits = countDigits(props, i + 1, end);
            i += 1 + fractionDigits;
        }
        if (intDigits + fractionDigits == 0) {
            return NumberKind.NONE;
        }
        if (i < end && (props.charAt(i) == 'e' || props.charAt(i) == 'E')) {
            decimal = true;
            i++;
            if (i < end && (props.charAt(i) == '+' || props.charAt(i) == '-')) {
                i++;
            }
            int expDigits = countDigits(props, i, end);
            if (expDigits == 0) {
                return NumberKind.NONE;
            }
            i += expDigits;
        }
        if (i != end) {
            return NumberKind.NONE;
        }
        return decimal || intDigits > MAX_LONG_DIGITS ? NumberKind.DECIMAL : NumberKind.INTEGER;
    }

    /** The value as a long; only for {@link NumberKind#INTEGER} values. */
    static long longValue(String props, long range) {
        int i = start(range);
        int end = end(range);
        boolean negative = props.charAt(i) == '-';
        if (negative || props.charAt(i) == '+') {
            i++;
        }
        long value = 0;
        for (; i < end; i++) {
            value = value * 10 + (props.charAt(i) - '0');
        }
        return negative ? -value : value;
    }

    /** The value as a double; for any number kind. */
    static double doubleValue(String props, long range, NumberKind kind) {
        return kind == NumberKind.INTEGER ? longValue(props, range) : Double.parseDouble(text(props, range));
    }

    private static int countDigits(String s, int from, int end) {
        int i = from;
        while (i < end && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i - from;
    }
}
