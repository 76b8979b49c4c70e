package io.apogee.common.message;

/**
 * RocketMQ's message properties string and the property keys Apogee reads or writes — the one place both are
 * defined (format: docs/protocol/09-message-format.md §5, keys:
 * docs/protocol/10-properties-and-system-topics.md §1).
 *
 * <h2>Format</h2>
 * Entries {@code name U+0001 value}, each followed by U+0002: {@code "KEYS\u0001k1\u0002TAGS\u0001TagA\u0002"}.
 * 5.x clients end the string with U+0002, 4.9.x clients do not; both are read.
 *
 * <h2>The one rule for reading</h2>
 * An entry is the text between two U+0002 (or the string's ends); its name is the text before its first U+0001,
 * its value the rest. An entry <b>counts only when both its name and its value are non-empty</b>; any other entry
 * (no U+0001, empty name, empty value) is ignored by every lookup and dropped when a string is rebuilt. This is
 * what both clients do: they drop such entries when they parse a message. Rebuilt strings always end with U+0002.
 *
 * <p>Lookups come in two forms: {@link #valueOf} returns the value as a new string; {@link #find} returns the
 * value's position as a packed range and allocates nothing (for filters that compare in place).
 *
 * <p>Stateless, hence thread-safe.
 */
public final class MessageProperties {

    public static final char NAME_VALUE_SEPARATOR = '\u0001';
    public static final char PROPERTY_SEPARATOR = '\u0002';
    /** {@link #find} result when the key has no value. */
    public static final long ABSENT = -1L;

    /** The message tag; its {@code String.hashCode()} is the consume-queue tag code. */
    public static final String TAGS = "TAGS";
    /** Business keys, separated by spaces. */
    public static final String KEYS = "KEYS";
    /** The client-generated unique message id (the msgId clients show). */
    public static final String UNIQ_KEY = "UNIQ_KEY";
    /** Name of the cluster of the broker that stored the message (added by the broker). */
    public static final String CLUSTER = "CLUSTER";
    /** Delay level n ≥ 1 (4.x delay levels). */
    public static final String DELAY = "DELAY";
    /** Absolute delivery time in ms (5.x timer). */
    public static final String TIMER_DELIVER_MS = "TIMER_DELIVER_MS";
    /** Relative delay in seconds (5.x timer). */
    public static final String TIMER_DELAY_SEC = "TIMER_DELAY_SEC";
    /** Relative delay in ms (5.x timer). */
    public static final String TIMER_DELAY_MS = "TIMER_DELAY_MS";
    /** A timer message's delivery time as the broker fixed it (epoch ms), kept on the delivered message. */
    public static final String TIMER_OUT_MS = "TIMER_OUT_MS";
    /** On a recall marker: the unique key of the timer message not to deliver. */
    public static final String TIMER_DEL_UNIQKEY = "TIMER_DEL_UNIQKEY";
    /** How often a timer message was rolled over to a later turn of the wheel. */
    public static final String TIMER_ROLL_TIMES = "TIMER_ROLL_TIMES";
    /** Topic a parked message (delay, transaction half) is delivered to. */
    public static final String REAL_TOPIC = "REAL_TOPIC";
    /** Queue id a parked message is delivered to. */
    public static final String REAL_QID = "REAL_QID";
    /** The original topic of a message sent back for retry. */
    public static final String RETRY_TOPIC = "RETRY_TOPIC";
    /** The offsetMsgId of the message a retry copy was made from. */
    public static final String ORIGIN_MESSAGE_ID = "ORIGIN_MESSAGE_ID";
    /** 5.x provenance of a dead letter: the topic it was consumed from. */
    public static final String DLQ_ORIGIN_TOPIC = "DLQ_ORIGIN_TOPIC";
    /** 5.x provenance of a dead letter: its original message id. */
    public static final String DLQ_ORIGIN_MESSAGE_ID = "DLQ_ORIGIN_MESSAGE_ID";
    /** {@code true} on transaction half messages. */
    public static final String TRANSACTION_PREPARED = "TRAN_MSG";
    /** The producer group a broker asks about a half message (CHECK_TRANSACTION_STATE). */
    public static final String PRODUCER_GROUP = "PGROUP";
    /** The transaction id (the half message's UNIQ_KEY). */
    public static final String TRANSACTION_ID = "__transactionId__";
    /** How many times the broker has asked about a half message. */
    public static final String TRANSACTION_CHECK_TIMES = "TRANSACTION_CHECK_TIMES";
    /** Per-message first-check delay of a half message, in seconds. */
    public static final String CHECK_IMMUNITY_TIME_IN_SECONDS = "CHECK_IMMUNITY_TIME_IN_SECONDS";
    /** A popped message's handle for ack and change-invisible-time (POP, docs/protocol/16 §4). */
    public static final String POP_CK = "POP_CK";
    /** When a message was first popped (ms); kept through its redeliveries. */
    public static final String FIRST_POP_TIME = "1ST_POP_TIME";
    /** The group a POP redelivery (in {@code %RETRY%<group>_<topic>}) belongs to. */
    public static final String ORIGIN_GROUP = "ORIGIN_GROUP";

    private MessageProperties() {
    }

    /** The value of {@code key}, or null when it has none (absent or empty). */
    public static String valueOf(String props, String key) {
        long range = find(props, key);
        return range == ABSENT ? null : props.substring(start(range), end(range));
    }

    /**
     * Where the value of {@code key} is in {@code props}: start index in the high 32 bits, end index (exclusive)
     * in the low 32 bits; {@link #ABSENT} when the key has no value. Allocates nothing.
     */
    public static long find(String props, String key) {
        int keyLength = key.length();
        int length = props.length();
        int from = 0;
        while (from < length) {
            int end = entryEnd(props, from);
            int separator = from + keyLength;
            if (keyLength > 0 && separator < end - 1 && props.charAt(separator) == NAME_VALUE_SEPARATOR
                    && props.regionMatches(from, key, 0, keyLength)) {
                return ((long) (separator + 1) << 32) | end;
            }
            from = end + 1;
        }
        return ABSENT;
    }

    /** Start index of a {@link #find} range. */
    public static int start(long range) {
        return (int) (range >>> 32);
    }

    /** End index (exclusive) of a {@link #find} range. */
    public static int end(long range) {
        return (int) range;
    }

    /** Receives the entries that count, in order, as index ranges of the properties string. */
    @FunctionalInterface
    public interface EntryVisitor {
        /** Name is {@code [from, separator)}, value {@code (separator, end)}. */
        void entry(String props, int from, int separator, int end);
    }

    /** Calls {@code visitor} for every entry that counts. */
    public static void forEachEntry(String props, EntryVisitor visitor) {
        int length = props.length();
        int from = 0;
        while (from < length) {
            int end = entryEnd(props, from);
            int separator = separatorOf(props, from, end);
            if (separator >= 0) {
                visitor.entry(props, from, separator, end);
            }
            from = end + 1;
        }
    }

    /**
     * Appends to {@code out} the entries of {@code props} that count, except one named {@code key}, then
     * {@code key=value}: {@code props} with {@code key} set. Used on the send path, where it allocates nothing
     * beyond {@code out}'s growth.
     */
    public static StringBuilder appendWith(StringBuilder out, String props, String key, String value) {
        int length = props.length();
        int from = 0;
        while (from < length) {
            int end = entryEnd(props, from);
            int separator = separatorOf(props, from, end);
            boolean replaced = separator - from == key.length() && props.regionMatches(from, key, 0, key.length());
            if (separator >= 0 && !replaced) {
                out.append(props, from, end).append(PROPERTY_SEPARATOR);
            }
            from = end + 1;
        }
        return append(out, key, value);
    }

    /** Appends one entry {@code key=value}; both must be non-empty to count when read back. */
    public static StringBuilder append(StringBuilder out, String key, String value) {
        return out.append(key).append(NAME_VALUE_SEPARATOR).append(value).append(PROPERTY_SEPARATOR);
    }

    /** The tag code a message gets in its consume-queue unit: {@code TAGS.hashCode()}, 0 without a tag. */
    public static long tagsCode(String props) {
        String tags = valueOf(props, TAGS);
        return tags == null ? 0 : tags.hashCode();
    }

    private static int entryEnd(String props, int from) {
        int end = props.indexOf(PROPERTY_SEPARATOR, from);
        return end < 0 ? props.length() : end;
    }

    /** The entry's name/value separator when the entry counts, else -1. */
    private static int separatorOf(String props, int from, int end) {
        int separator = props.indexOf(NAME_VALUE_SEPARATOR, from);
        return separator > from && separator < end - 1 ? separator : -1;
    }
}
