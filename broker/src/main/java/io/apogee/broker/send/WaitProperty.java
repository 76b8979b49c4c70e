package io.apogee.broker.send;

import io.apogee.common.message.MessageProperties;

/**
 * Reads the message property {@code WAIT} (Apache's {@code MessageConst.PROPERTY_WAIT_STORE_MSG_OK}, set by
 * {@code Message.setWaitStoreMsgOK}): whether the producer waits for SYNC_FLUSH's force and SYNC_MASTER's slave
 * before its SEND is answered. As Apache's {@code Message.isWaitStoreMsgOK}: true when the property is absent,
 * otherwise true only for {@code true} in any case ({@code Boolean.parseBoolean}).
 *
 * <p>Stateless, hence thread-safe; allocates nothing (it runs for every message on the send path).
 */
final class WaitProperty {

    /** The property's name. */
    static final String WAIT = "WAIT";
    private static final String TRUE = "true";

    private WaitProperty() {
    }

    /** Whether a message with these properties waits for the store's guarantees (see the class comment). */
    static boolean waitStoreMsgOK(String props) {
        long range = MessageProperties.find(props, WAIT);
        if (range == MessageProperties.ABSENT) {
            return true;
        }
        int start = MessageProperties.start(range);
        return MessageProperties.end(range) - start == TRUE.length()
                && props.regionMatches(true, start, TRUE, 0, TRUE.length());
    }
}
