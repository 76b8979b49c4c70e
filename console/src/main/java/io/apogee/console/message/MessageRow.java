package io.apogee.console.message;

import io.apogee.console.web.Times;
import io.apogee.tools.message.MessageRecord;

/**
 * One line of a message list: the ids, where the message is stored and when, and the link to its detail page (by
 * the broker's offsetMsgId, which finds the message however old it is).
 *
 * <p>Immutable.
 *
 * @param tags      empty when none
 * @param keys      empty when none
 * @param storeTime the store time in the console's time zone, to the millisecond
 */
public record MessageRow(String msgId, String offsetMsgId, String topic, String tags, String keys, int queueId,
                         long queueOffset, long storeTimestamp, String storeTime) {

    public static MessageRow of(MessageRecord r) {
        return new MessageRow(r.msgId(), r.offsetMsgId(), r.topic(), orEmpty(r.tags()), orEmpty(r.keys()),
                r.queueId(), r.queueOffset(), r.storeTimestamp(), time(r.storeTimestamp()));
    }

    /** The detail page of this message. */
    public String link() {
        return MessageLinks.view(topic, offsetMsgId, "");
    }

    /** Epoch milliseconds as {@code 2026-12-02 10:15:30.123} in the console's time zone. */
    public static String time(long epochMillis) {
        return Times.of(epochMillis);
    }

    static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
