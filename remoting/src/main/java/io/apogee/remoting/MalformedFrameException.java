package io.apogee.remoting;

/**
 * A frame that cannot be decoded: bad length, unknown serialization byte, header longer than the frame, a
 * header that does not parse, or one whose fields do not fill its declared length exactly (trailing bytes
 * after the JSON object or after the binary ext fields). The message names the offending value. A connection
 * that delivers one is closed by {@link FrameDecoder}; the exception never reaches request processors.
 */
public final class MalformedFrameException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public MalformedFrameException(String message) {
        super(message);
    }

    public MalformedFrameException(String message, Throwable cause) {
        super(message, cause);
    }
}
