package io.apogee.broker.filter;

/**
 * SQL three-valued logic: a comparison with an absent property (NULL) is {@link #UNKNOWN}, and only
 * {@link #TRUE} selects a message. Immutable, thread-safe.
 */
public enum Truth {
    TRUE, FALSE, UNKNOWN;

    static Truth of(boolean value) {
        return value ? TRUE : FALSE;
    }

    Truth not() {
        return switch (this) {
            case TRUE -> FALSE;
            case FALSE -> TRUE;
            case UNKNOWN -> UNKNOWN;
        };
    }
}
