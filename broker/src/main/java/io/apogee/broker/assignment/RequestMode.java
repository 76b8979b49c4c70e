package io.apogee.broker.assignment;

import io.apogee.remoting.body.MessageRequestMode;

/**
 * How the clients of one consumer group read one topic: {@code mode} PULL or POP, and for POP the number of
 * following clients whose queues each client shares ({@code popShareQueueNum}; 0 or less: every queue).
 * Immutable, hence thread-safe.
 *
 * @param mode             PULL or POP, never null
 * @param popShareQueueNum POP only: share the queues of the next N clients of the group
 * @param stored           true when set for this topic and group (SET_MESSAGE_REQUEST_MODE), false for a default
 */
public record RequestMode(MessageRequestMode mode, int popShareQueueNum, boolean stored) {

    /** True for POP. */
    public boolean isPop() {
        return mode == MessageRequestMode.POP;
    }
}
