package io.apogee.remoting;

import io.apogee.common.text.ClientText;

/**
 * A request lacks a required ext field, or a field does not parse as its type. The server turns it into a
 * {@link ResponseCode#SYSTEM_ERROR} response whose remark names the request code, the key and the value (the
 * client's text rendered by {@link ClientText}: cut and escaped).
 */
public final class MissingHeaderException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MissingHeaderException(int requestCode, String key, String badValue) {
        super(badValue == null
                ? "request code " + requestCode + " lacks required header field '" + ClientText.of(key) + "'"
                : "request code " + requestCode + ": header field '" + ClientText.of(key) + "' has illegal value '"
                        + ClientText.of(badValue) + "'");
    }
}
