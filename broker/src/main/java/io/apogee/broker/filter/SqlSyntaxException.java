package io.apogee.broker.filter;

/**
 * A SQL92 filter expression that cannot be compiled; the message names the problem, the offending token and
 * its position (0-based character index). Extends IllegalArgumentException so callers that reject bad
 * subscriptions treat TAG and SQL92 errors alike.
 */
public final class SqlSyntaxException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int position;
    private final String reason;

    SqlSyntaxException(int position, String reason) {
        super(reason + " at position " + position);
        this.position = position;
        this.reason = reason;
    }

    /** 0-based character index of the offending token. */
    public int position() {
        return position;
    }

    /** The message without the position. */
    public String reason() {
        return reason;
    }
}
