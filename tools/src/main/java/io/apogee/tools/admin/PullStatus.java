package io.apogee.tools.admin;

import io.apogee.remoting.ResponseCode;

/** Outcome of a PULL_MESSAGE (11), named as the clients name it (docs/protocol/05-consumer.md §7.2). */
public enum PullStatus {
    FOUND, NO_NEW_MSG, NO_MATCHED_MSG, OFFSET_ILLEGAL;

    static PullStatus of(int code) {
        return switch (code) {
            case ResponseCode.SUCCESS -> FOUND;
            case ResponseCode.PULL_NOT_FOUND -> NO_NEW_MSG;
            case ResponseCode.PULL_RETRY_IMMEDIATELY -> NO_MATCHED_MSG;
            default -> OFFSET_ILLEGAL;
        };
    }
}
