package io.apogee.console.dlq;

/**
 * What became of one dead letter of a replay: sent to the retry topic under {@code newMsgId}, or not, and why.
 *
 * <p>Immutable.
 *
 * @param position      where the dead letter is stored ({@link Position#key()})
 * @param msgId         the dead letter's msgId; empty when it was not found
 * @param originalTopic the topic the copy names in RETRY_TOPIC; empty when none was known
 * @param newMsgId      the copy's msgId; empty when it failed
 * @param problem       why it failed; empty when it worked
 */
public record Outcome(String position, String msgId, String originalTopic, boolean ok, String newMsgId,
                      String problem) {

    public static Outcome sent(String position, String msgId, String originalTopic, String newMsgId) {
        return new Outcome(position, msgId, originalTopic, true, newMsgId, "");
    }

    public static Outcome failed(String position, String msgId, String originalTopic, String problem) {
        return new Outcome(position, msgId, originalTopic, false, "", problem);
    }
}
