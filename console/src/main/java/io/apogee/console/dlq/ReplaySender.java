package io.apogee.console.dlq;

import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.TopicConfig;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.admin.SendReceipt;
import io.apogee.tools.message.MessageQueue;
import io.apogee.tools.message.MessageRecord;
import java.util.HashMap;
import java.util.Map;

/**
 * Sends the copy of one dead letter ({@link RetryCopy}) to {@code %RETRY%<group>} on the master that stored it,
 * with reconsume times 0, spreading copies over the retry topic's write queues. Before the first copy to a master
 * it makes sure the retry topic exists there (GET_TOPIC_CONFIG; when missing UPDATE_AND_CREATE_TOPIC with 1 queue,
 * perm 6, as a broker creates it). Every outcome is a value: sent with the new msgId, or failed with the reason.
 *
 * <p>Not thread-safe (the per-master queue counts): one per replay thread.
 */
final class ReplaySender {

    /** The producer group the copies are sent as. */
    static final String PRODUCER_GROUP = "APOGEE_CONSOLE_REPLAY";
    private static final int RETRY_PERM = TopicConfig.PERM_READ | TopicConfig.PERM_WRITE;

    private final AdminClient admin;
    private final String retryTopic;
    private final Map<String, Integer> writeQueues = new HashMap<>();
    private long sent;

    ReplaySender(AdminClient admin, String group) {
        this.admin = admin;
        this.retryTopic = "%RETRY%" + group;
    }

    /** Sends the copy of {@code deadLetter}, read from {@code span}'s queue. */
    Outcome send(QueueSpan span, MessageRecord deadLetter) {
        String position = new Position(span.queue().brokerName(), span.queue().queueId(), deadLetter.queueOffset())
                .key();
        String original = RetryCopy.originalTopic(deadLetter).orElse("");
        try {
            int queues = prepare(span.addr());
            MessageQueue queue = new MessageQueue(retryTopic, span.queue().brokerName(), (int) (sent++ % queues));
            SendReceipt receipt = admin.messages().sendWithProperties(span.addr(), PRODUCER_GROUP, queue,
                    RetryCopy.properties(deadLetter), deadLetter.body(), 0);
            return Outcome.sent(position, deadLetter.msgId(), original, receipt.msgId());
        } catch (AdminException e) {
            return Outcome.failed(position, deadLetter.msgId(), original, e.getMessage());
        }
    }

    private int prepare(String addr) throws AdminException {
        Integer known = writeQueues.get(addr);
        if (known != null) {
            return known;
        }
        int queues;
        try {
            queues = Math.max(1, admin.topicConfig(addr, retryTopic).writeQueueNums);
        } catch (AdminException e) {
            if (e.code() != ResponseCode.TOPIC_NOT_EXIST) {
                throw e;
            }
            admin.createOrUpdateTopic(addr, new TopicConfig(retryTopic, 1, RETRY_PERM));
            queues = 1;
        }
        writeQueues.put(addr, queues);
        return queues;
    }
}
