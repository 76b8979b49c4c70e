package io.apogee.broker.reply;

/**
 * How pushing one reply to its requester ended; {@code remark} says why it failed (null when pushed), worded as
 * Apache's broker words it where Apache has a wording.
 *
 * <p>Immutable, hence thread-safe.
 */
record PushOutcome(Status status, String remark) {

    /** The expected outcomes of a push. */
    enum Status {
        /** The requester's connection answered SUCCESS. */
        PUSHED,
        /** The reply has no {@code REPLY_TO_CLIENT} property: nobody to push it to. */
        NO_REQUESTER,
        /** No open connection of a producer with that client id: the requester is gone (or never heartbeated). */
        REQUESTER_GONE,
        /** The requester answered with an error code. */
        REFUSED,
        /** The push failed on the way: timeout, connection closed, send error. */
        FAILED
    }

    static final PushOutcome PUSHED = new PushOutcome(Status.PUSHED, null);

    boolean pushed() {
        return status == Status.PUSHED;
    }
}
