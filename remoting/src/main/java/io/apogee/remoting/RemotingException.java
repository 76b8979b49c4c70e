package io.apogee.remoting;

/** A remote call failed: connect failure, send failure, timeout or a closed connection. */
public class RemotingException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a call failed. */
    public enum Kind { CONNECT_FAILED, SEND_FAILED, TIMEOUT, CHANNEL_CLOSED }

    private final Kind kind;

    public RemotingException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public RemotingException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
