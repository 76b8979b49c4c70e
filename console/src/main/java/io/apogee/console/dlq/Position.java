package io.apogee.console.dlq;

import io.apogee.tools.message.MessageQueue;
import java.util.Optional;

/**
 * Where one dead letter is stored: broker group, queue and queue offset, written {@code broker:queueId:offset} in
 * the checkboxes of the browse page (a msgId can repeat, a position cannot).
 *
 * <p>Immutable.
 */
public record Position(String brokerName, int queueId, long offset) {

    /** {@code broker:queueId:offset}. */
    public String key() {
        return brokerName + ":" + queueId + ":" + offset;
    }

    public MessageQueue queue(String topic) {
        return new MessageQueue(topic, brokerName, queueId);
    }

    /** The position written as {@link #key()}, or empty when {@code key} is not one. */
    public static Optional<Position> parse(String key) {
        int last = key.lastIndexOf(':');
        int middle = last <= 0 ? -1 : key.lastIndexOf(':', last - 1);
        if (middle <= 0) {
            return Optional.empty();
        }
        try {
            int queueId = Integer.parseInt(key.substring(middle + 1, last));
            long offset = Long.parseLong(key.substring(last + 1));
            return queueId < 0 || offset < 0 ? Optional.empty()
                    : Optional.of(new Position(key.substring(0, middle), queueId, offset));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
