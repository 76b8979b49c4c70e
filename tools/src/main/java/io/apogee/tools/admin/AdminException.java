package io.apogee.tools.admin;

/**
 * The one failure of an {@link AdminClient} call: the server's response code and remark, or
 * {@link #NO_RESPONSE} when no server answered (connect failure, timeout, closed connection), or
 * {@link #BAD_ANSWER} when an answer could not be read. The message is one line meant for a person
 * ({@code "CODE: 17 DESC: No topic route info in name server for the topic: T"}, Apache's shape); no stack trace is
 * needed to understand it.
 *
 * <p>Immutable.
 */
public final class AdminException extends Exception {

    /** No server answered. */
    public static final int NO_RESPONSE = -1;
    /** A server answered, but not in the documented form. */
    public static final int BAD_ANSWER = -2;
    /** The request was refused before it was sent (missing name server, unknown broker, illegal argument). */
    public static final int ILLEGAL_ARGUMENT = -3;

    private static final long serialVersionUID = 1L;

    private final int code;
    private final String remark;

    public AdminException(int code, String remark) {
        super(text(code, remark), null, false, false);
        this.code = code;
        this.remark = remark;
    }

    /** The response code, or one of the negative constants of this class. */
    public int code() {
        return code;
    }

    /** The server's remark (or this client's explanation); may be null. */
    public String remark() {
        return remark;
    }

    /** A failure decided on this side, before anything was sent. */
    public static AdminException illegal(String why) {
        return new AdminException(ILLEGAL_ARGUMENT, why);
    }

    private static String text(int code, String remark) {
        if (code < 0) {
            return remark;
        }
        return "CODE: " + code + " DESC: " + (remark == null || remark.isBlank() ? "(no remark)" : remark);
    }
}
