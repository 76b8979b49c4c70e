package io.apogee.tools.admin;

import io.apogee.tools.message.MessageQueue;

/**
 * What a broker answered to one SEND_MESSAGE_V2 (310): {@code msgId} is the client id (UNIQ_KEY) this side put in
 * the message, {@code offsetMsgId} the broker's. {@link #toString()} is the clients' SendResult text, which
 * {@code tools.sh ...quickstart.Producer} and {@code mqadmin sendMsgStatus} print.
 */
public record SendReceipt(SendStatus status, String msgId, String offsetMsgId, MessageQueue queue,
                          long queueOffset) {

    @Override
    public String toString() {
        return "SendResult [sendStatus=" + status + ", msgId=" + msgId + ", offsetMsgId=" + offsetMsgId
                + ", messageQueue=" + queue + ", queueOffset=" + queueOffset + ", recallHandle=null]";
    }
}
