package io.apogee.tools.admin;

import io.apogee.remoting.ResponseCode;

/** Outcome of a stored send, named as the clients name it (docs/protocol/04-producer.md §3). */
public enum SendStatus {
    SEND_OK, FLUSH_DISK_TIMEOUT, FLUSH_SLAVE_TIMEOUT, SLAVE_NOT_AVAILABLE;

    /** The status of response code {@code code}, one of 0, 10, 11, 12. */
    static SendStatus of(int code) {
        return switch (code) {
            case ResponseCode.FLUSH_DISK_TIMEOUT -> FLUSH_DISK_TIMEOUT;
            case ResponseCode.FLUSH_SLAVE_TIMEOUT -> FLUSH_SLAVE_TIMEOUT;
            case ResponseCode.SLAVE_NOT_AVAILABLE -> SLAVE_NOT_AVAILABLE;
            default -> SEND_OK;
        };
    }
}
