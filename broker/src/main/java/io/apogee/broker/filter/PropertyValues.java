package io.apogee.broker.filter;

import io.apogee.common.message.MessageProperties;

/**
 * Reads property values straight out of a stored message's properties string without copying them.
 *
 * <p>The string's format and the rule for which entries count are {@link MessageProperties}'; a value is
 * addressed by its packed range ({@link MessageProperties#find}), {@link #ABSENT} when the name has no value.
 * Numbers are recognised as {@code [+-]digits[.digits][(e|E)[+-]digits]} (or {@code .digits}).
 *
 * <p>Stateless, thread-safe; allocates nothing except when parsing a decimal value.
 */
final class PropertyValues {

    static final long ABSENT = MessageProperties.ABSENT;

    /** Not a number, an integer that fits a long, or any other number (parsed as double). */
    enum NumberKind { NONE, INTEGER, DECIMAL }

    private static final int MAX_LONG_DIGITS = 18;

    private PropertyValues() {
    }

    /** The packed range of {@code name}'s value in {@code props}, or {@link #ABSENT}. */
    static long find(String props, String name) {
        return MessageProperties.find(props, name);
    }

    static int start(long range) {
        return MessageProperties.start(range);
    }

    static int end(long range) {
        return MessageProperties.end(range);
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
        int end = end(range);
        int i = skipSign(props, start(range), end);
        int intDigits = countDigits(props, i, end);
        i += intDigits;
        int fractionDigits = -1;
        if (i < end && props.charAt(i) == '.') {
            fractionDigits = countDigits(props, i + 1, end);
            i += 1 + fractionDigits;
        }
        if (intDigits + Math.max(0, fractionDigits) == 0) {
            return NumberKind.NONE;
        }
        int afterExponent = skipExponent(props, i, end);
        if (afterExponent != end) {
            return NumberKind.NONE;
        }
        boolean decimal = fractionDigits >= 0 || afterExponent > i || intDigits > MAX_LONG_DIGITS;
        return decimal ? NumberKind.DECIMAL : NumberKind.INTEGER;
    }

    /** The index after an exponent ({@code [eE][+-]digits}) at {@code i}; {@code i} without one; -1 if malformed. */
    private static int skipExponent(String s, int i, int end) {
        if (i >= end || (s.charAt(i) != 'e' && s.charAt(i) != 'E')) {
            return i;
        }
        int digitsAt = skipSign(s, i + 1, end);
        int digits = countDigits(s, digitsAt, end);
        return digits == 0 ? -1 : digitsAt + digits;
    }

    private static int skipSign(String s, int i, int end) {
        return i < end && (s.charAt(i) == '+' || s.charAt(i) == '-') ? i + 1 : i;
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
