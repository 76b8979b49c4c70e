package io.apogee.broker.send;

/**
 * Reads and extends RocketMQ properties strings: {@code key U+0001 value U+0002 ...}. 5.4.0 clients end the
 * string with U+0002, 4.9.8 clients do not; both are read. A segment counts only when it has a non-empty key
 * and a non-empty value; others are dropped when the string is rebuilt. Rebuilt strings always end with U+0002.
 *
 * <p>Stateless, hence thread-safe. Lookups allocate only the returned value.
 */
public final class MessageProperties {

    public static final char NAME_VALUE_SEPARATOR = '\u0001';
    public static final char PROPERTY_SEPARATOR = '\u0002';
    public static final String TAGS = "TAGS";
    public static final String UNIQ_KEY = "UNIQ_KEY";
    public static final String CLUSTER = "CLUSTER";

    private MessageProperties() {
    }

    /** The value of {@code key}, or null when absent or empty. */
    public static String valueOf(String props, String key) {
        int start = 0;
        int n = props.length();
        while (start < n) {
            int end = props.indexOf(PROPERTY_SEPARATOR, start);
            if (end < 0) {
                end = n;
            }
            int sep = start + key.length();
            if (sep < end - 1 && props.charAt(sep) == NAME_VALUE_SEPARATOR
                    && props.regionMatches(start, key, 0, key.length())) {
                return props.substring(sep + 1, end);
            }
            start = end + 1;
        }
        return null;
    }

    /**
     * {@code props} with {@code key} set to {@code value} (an existing value is replaced), appended to
     * {@code out}; {@code uniqKey} is added as UNIQ_KEY when non-null.
     */
    public static StringBuilder rebuild(StringBuilder out, String props, String key, String value, String uniqKey) {
        int start = 0;
        int n = props.length();
        while (start < n) {
            int end = props.indexOf(PROPERTY_SEPARATOR, start);
            if (end < 0) {
                end = n;
            }
            int sep = props.indexOf(NAME_VALUE_SEPARATOR, start);
            boolean wellFormed = sep > start && sep < end - 1;
            boolean replaced = wellFormed && sep - start == key.length()
                    && props.regionMatches(start, key, 0, key.length());
            if (wellFormed && !replaced) {
                out.append(props, start, end).append(PROPERTY_SEPARATOR);
            }
            start = end + 1;
        }
        append(out, key, value);
        if (uniqKey != null) {
            append(out, UNIQ_KEY, uniqKey);
        }
        return out;
    }

    private static void append(StringBuilder out, String key, String value) {
        out.append(key).append(NAME_VALUE_SEPARATOR).append(value).append(PROPERTY_SEPARATOR);
    }
}
