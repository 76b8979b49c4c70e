package io.apogee.tools.admin;

/**
 * The answer to SKIP_POISON_MESSAGE (800001, Apogee only): which message of the queue was moved to the group's DLQ
 * and where the group's offset is now.
 *
 * @param msgId          the skipped message's UNIQ_KEY, else its offsetMsgId
 * @param offsetMsgId    the skipped message's offsetMsgId
 * @param queueOffset    the skipped offset
 * @param nextOffset     the group's committed offset of the queue now
 * @param dlqTopic       the group's dead-letter topic
 * @param dlqOffsetMsgId the offsetMsgId of the copy in {@code dlqTopic}
 * @param clientsTold    live members of the group sent the reset notice
 */
public record SkippedMessage(String msgId, String offsetMsgId, long queueOffset, long nextOffset, String dlqTopic,
                             String dlqOffsetMsgId, long clientsTold) {
}
