package io.apogee.console.dlq;

import io.apogee.console.message.MessageLinks;
import io.apogee.console.message.MessageRow;
import io.apogee.tools.message.MessageRecord;

/**
 * One dead letter on the browse page: its position (the checkbox value), ids, the topic it was consumed from, tags,
 * keys, how often it was retried and when it died.
 *
 * <p>Immutable.
 */
public record DeadLetterRow(String position, String msgId, String offsetMsgId, String originalTopic, String tags,
                            String keys, int reconsumeTimes, String storeTime, String link) {

    public static DeadLetterRow of(Position at, MessageRecord r) {
        return new DeadLetterRow(at.key(), r.msgId(), r.offsetMsgId(), RetryCopy.originalTopic(r).orElse(""),
                orEmpty(r.tags()), orEmpty(r.keys()), r.reconsumeTimes(), MessageRow.time(r.storeTimestamp()),
                MessageLinks.view(r.topic(), r.offsetMsgId(), ""));
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
