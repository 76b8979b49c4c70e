package io.apogee.tools.admin;

import io.apogee.tools.message.MessageRecord;
import java.util.List;

/** A broker's answer to one PULL_MESSAGE (11): status, offsets of the queue and the records found. */
public record PullReply(PullStatus status, long nextBeginOffset, long minOffset, long maxOffset,
                        List<MessageRecord> records) {
}
