package io.apogee.console.message;

import com.fasterxml.jackson.databind.JsonNode;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.ConsumerConnection;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.message.MessageRecord;
import java.util.Optional;

/**
 * The dashboard's "resend": CONSUME_MESSAGE_DIRECTLY (309) of one stored message to one live consumer of a group,
 * relayed by the broker that stored the message, which answers with the consumer's ConsumeMessageDirectlyResult.
 * Without a client id the first member the broker lists is taken.
 *
 * <p>Thread-safe: holds only the thread-safe {@link AdminClient}.
 */
public final class Resend {

    private final AdminClient admin;

    public Resend(AdminClient admin) {
        this.admin = admin;
    }

    /**
     * Hands {@code message} to {@code clientId} (empty: any member) of {@code group}; the sentence of what the
     * consumer answered. Fails with a sentence when the message is gone, no member is online or the consumer failed.
     */
    public String run(String topic, String msgId, String group, String clientId) throws AdminException {
        Optional<MessageRecord> found = new MessageLookup(admin).find(topic, msgId);
        if (found.isEmpty()) {
            throw AdminException.illegal("No message " + msgId + " in topic " + topic + " was found to resend.");
        }
        MessageRecord message = found.get();
        String client = clientId.isEmpty() ? anyClient(message.storeHost(), group) : clientId;
        JsonNode answer = admin.groups().consumeMessageDirectly(message.storeHost(), group, client, topic,
                message.offsetMsgId());
        String result = answer.path("consumeResult").asText("");
        String remark = answer.path("remark").asText("");
        String said = "Consumer " + client + " of group " + group + " answered " + result
                + (remark.isEmpty() ? "" : " (" + remark + ")") + " for message " + message.msgId()
                + " after " + answer.path("spentTimeMills").asLong() + " ms.";
        if (!result.equals("CR_SUCCESS")) {
            throw AdminException.illegal(said);
        }
        return said;
    }

    private String anyClient(String addr, String group) throws AdminException {
        ConsumerConnection members;
        try {
            members = admin.groups().consumerConnection(addr, group);
        } catch (AdminException e) {
            if (e.code() != ResponseCode.CONSUMER_NOT_ONLINE) {
                throw e;
            }
            members = new ConsumerConnection();
        }
        return members.connectionSet.stream().map(c -> c.clientId).findFirst()
                .orElseThrow(() -> AdminException.illegal("No consumer of group " + group + " is online at broker "
                        + addr + ", so there is nobody to resend the message to: start a consumer of the group."));
    }
}
