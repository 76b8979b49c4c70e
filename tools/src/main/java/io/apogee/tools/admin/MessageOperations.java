package io.apogee.tools.admin;

import io.apogee.common.message.MessageProperties;
import io.apogee.common.message.UniqKeyGenerator;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.HeartbeatData;
import io.apogee.tools.message.MessageQueue;
import io.apogee.tools.message.MessageRecord;
import io.apogee.tools.message.RecordDecoder;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/**
 * The message calls of the admin protocol, sent straight to a broker address: SEND_MESSAGE_V2 (310), PULL_MESSAGE
 * (11), the queue offset calls GET_MAX_OFFSET (30), GET_MIN_OFFSET (31), SEARCH_OFFSET_BY_TIMESTAMP (29), and
 * the lookups QUERY_MESSAGE (12) and VIEW_MESSAGE_BY_ID (33), committed offsets (14/15) and HEART_BEAT (34).
 * Headers as the clients write them (docs/protocol/04-producer.md §2, docs/protocol/05-consumer.md §7.1,
 * docs/protocol/06-admin.md). Obtained from {@link AdminClient#messages()}.
 *
 * <p>Thread-safe: immutable apart from the key generator, which is thread-safe.
 */
public final class MessageOperations {

    /** The consumer group Apache's tools pull with. */
    public static final String TOOLS_CONSUMER_GROUP = "TOOLS_CONSUMER";
    private static final int PULL_SYS_FLAG_SUBSCRIPTION = 0x4;
    private static final long PULL_TIMEOUT_MILLIS = 10_000;

    private final Invoker invoker;
    private final UniqKeyGenerator keys = new UniqKeyGenerator(InetAddress.getLoopbackAddress().getAddress());

    MessageOperations(Invoker invoker) {
        this.invoker = invoker;
    }

    /** Sends {@code message} to {@code queue} on the broker at {@code addr} as producer {@code group}. */
    public SendReceipt send(String addr, String group, MessageQueue queue, OutgoingMessage message)
            throws AdminException {
        String uniqKey = keys.next();
        StringBuilder props = new StringBuilder();
        if (message.keys() != null && !message.keys().isBlank()) {
            MessageProperties.append(props, MessageProperties.KEYS, message.keys());
        }
        MessageProperties.append(props, MessageProperties.UNIQ_KEY, uniqKey);
        MessageProperties.append(props, "WAIT", "true");
        if (message.tags() != null && !message.tags().isBlank()) {
            MessageProperties.append(props, MessageProperties.TAGS, message.tags());
        }
        return send(addr, group, new MessageQueue(message.topic(), queue.brokerName(), queue.queueId()),
                new Outgoing(props.toString(), uniqKey, message.body(), 0));
    }

    /**
     * Sends {@code body} to {@code queue} with the given properties (user and system ones, in order; empty names or
     * values are skipped) and header RECONSUME_TIMES {@code reconsumeTimes}, under a fresh UNIQ_KEY that replaces a
     * given one: a copy of a stored message, e.g. a dead letter sent back to its group's retry topic.
     */
    public SendReceipt sendWithProperties(String addr, String group, MessageQueue queue,
                                          Map<String, String> properties, byte[] body, int reconsumeTimes)
            throws AdminException {
        String uniqKey = keys.next();
        StringBuilder props = new StringBuilder();
        properties.forEach((name, value) -> {
            boolean replaced = name.equals(MessageProperties.UNIQ_KEY) || name.equals("WAIT");
            if (!replaced && !name.isEmpty() && !value.isEmpty()) {
                MessageProperties.append(props, name, value);
            }
        });
        MessageProperties.append(props, MessageProperties.UNIQ_KEY, uniqKey);
        MessageProperties.append(props, "WAIT", "true");
        return send(addr, group, queue, new Outgoing(props.toString(), uniqKey, body, reconsumeTimes));
    }

    /** A message ready for SEND_MESSAGE_V2: its properties string, its UNIQ_KEY among them. */
    private record Outgoing(String properties, String uniqKey, byte[] body, int reconsumeTimes) {
    }

    private SendReceipt send(String addr, String group, MessageQueue queue, Outgoing message)
            throws AdminException {
        RemotingCommand request = RemotingCommand.request(RequestCode.SEND_MESSAGE_V2)
                .putExt("a", group).putExt("b", queue.topic()).putExt("c", "TBW102").putExt("d", 4)
                .putExt("e", queue.queueId()).putExt("f", 0).putExt("g", System.currentTimeMillis())
                .putExt("h", 0).putExt("i", message.properties()).putExt("j", message.reconsumeTimes())
                .putExt("k", false).putExt("m", false).putExt("n", queue.brokerName()).body(message.body());
        RemotingCommand response = invoker.call(addr, request, ResponseCode.SUCCESS,
                ResponseCode.FLUSH_DISK_TIMEOUT, ResponseCode.FLUSH_SLAVE_TIMEOUT, ResponseCode.SLAVE_NOT_AVAILABLE);
        int queueId = (int) Invoker.longHeader(response, "queueId");
        return new SendReceipt(SendStatus.of(response.code()), message.uniqKey(), response.ext("msgId"),
                new MessageQueue(queue.topic(), queue.brokerName(), queueId),
                Invoker.longHeader(response, "queueOffset"));
    }

    /**
     * Pulls up to {@code maxNums} records of {@code queue} from {@code offset} as consumer {@code group}, filtered by
     * the broker with {@code subExpression} ({@code *} for all).
     */
    public PullReply pull(String addr, String group, MessageQueue queue, String subExpression, long offset,
                          int maxNums) throws AdminException {
        RemotingCommand request = RemotingCommand.request(RequestCode.PULL_MESSAGE)
                .putExt("consumerGroup", group).putExt("topic", queue.topic()).putExt("queueId", queue.queueId())
                .putExt("queueOffset", offset).putExt("maxMsgNums", maxNums)
                .putExt("sysFlag", PULL_SYS_FLAG_SUBSCRIPTION).putExt("commitOffset", 0)
                .putExt("suspendTimeoutMillis", 0).putExt("subscription", subExpression).putExt("subVersion", 0)
                .putExt("expressionType", "TAG");
        RemotingCommand response = invoker.callWithin(addr, request, PULL_TIMEOUT_MILLIS, ResponseCode.SUCCESS,
                ResponseCode.PULL_NOT_FOUND, ResponseCode.PULL_RETRY_IMMEDIATELY, ResponseCode.PULL_OFFSET_MOVED);
        List<MessageRecord> records = response.code() == ResponseCode.SUCCESS
                ? RecordDecoder.decodeAll(response.body()) : List.of();
        return new PullReply(PullStatus.of(response.code()), Invoker.longHeader(response, "nextBeginOffset"),
                Invoker.longHeader(response, "minOffset"), Invoker.longHeader(response, "maxOffset"), records);
    }

    /** GET_MAX_OFFSET (30): the offset after the last message of the queue. */
    public long maxOffset(String addr, MessageQueue queue) throws AdminException {
        return offsetCall(addr, RequestCode.GET_MAX_OFFSET, queue, null);
    }

    /** GET_MIN_OFFSET (31): the offset of the oldest message still stored. */
    public long minOffset(String addr, MessageQueue queue) throws AdminException {
        return offsetCall(addr, RequestCode.GET_MIN_OFFSET, queue, null);
    }

    /** SEARCH_OFFSET_BY_TIMESTAMP (29): the first offset stored at or after {@code timestamp}. */
    public long searchOffset(String addr, MessageQueue queue, long timestamp) throws AdminException {
        return offsetCall(addr, RequestCode.SEARCH_OFFSET_BY_TIMESTAMP, queue, timestamp);
    }

    private long offsetCall(String addr, int code, MessageQueue queue, Long timestamp) throws AdminException {
        RemotingCommand request = RemotingCommand.request(code).putExt("topic", queue.topic())
                .putExt("queueId", queue.queueId()).putExt("timestamp", timestamp);
        return Invoker.longHeader(invoker.call(addr, request), "offset");
    }

    /** QUERY_CONSUMER_OFFSET (14): the committed offset of {@code group} on the queue, or -1 when it has none. */
    public long consumerOffset(String addr, String group, MessageQueue queue) throws AdminException {
        RemotingCommand request = RemotingCommand.request(RequestCode.QUERY_CONSUMER_OFFSET)
                .putExt("consumerGroup", group).putExt("topic", queue.topic()).putExt("queueId", queue.queueId());
        RemotingCommand response = invoker.call(addr, request, ResponseCode.SUCCESS, ResponseCode.QUERY_NOT_FOUND);
        return response.code() == ResponseCode.SUCCESS ? Invoker.longHeader(response, "offset") : -1;
    }

    /** UPDATE_CONSUMER_OFFSET (15), sent as a request with a response (the admin form). */
    public void updateConsumerOffset(String addr, String group, MessageQueue queue, long offset)
            throws AdminException {
        invoker.call(addr, RemotingCommand.request(RequestCode.UPDATE_CONSUMER_OFFSET).putExt("consumerGroup", group)
                .putExt("topic", queue.topic()).putExt("queueId", queue.queueId()).putExt("commitOffset", offset));
    }

    /**
     * HEART_BEAT (34) to one broker: registers the groups of {@code heartbeat} for this connection, so they show in
     * consumerConnection / producerConnection and a consumer group gets its retry topic
     * (docs/protocol/05-consumer.md §2).
     */
    public void heartbeat(String addr, HeartbeatData heartbeat) throws AdminException {
        invoker.call(addr, RemotingCommand.request(RequestCode.HEART_BEAT).body(JsonCodec.encode(heartbeat)));
    }

    /**
     * QUERY_MESSAGE (12) on one broker: records indexed under {@code key} (a business key, or the UNIQ_KEY when
     * {@code uniqueKey}) stored between the two timestamps. Nothing found (22) is an empty list.
     */
    public List<MessageRecord> query(String addr, String topic, String key, int maxNum, long begin, long end,
                                     boolean uniqueKey) throws AdminException {
        RemotingCommand request = RemotingCommand.request(RequestCode.QUERY_MESSAGE).putExt("topic", topic)
                .putExt("key", key).putExt("maxNum", maxNum).putExt("beginTimestamp", begin)
                .putExt("endTimestamp", end).putExt("_UNIQUE_KEY_QUERY", uniqueKey);
        RemotingCommand response = invoker.callWithin(addr, request, invoker.timeoutMillis() * 3,
                ResponseCode.SUCCESS, ResponseCode.QUERY_NOT_FOUND);
        return response.code() == ResponseCode.SUCCESS ? RecordDecoder.decodeAll(response.body()) : List.of();
    }

    /** VIEW_MESSAGE_BY_ID (33): the record at commit-log offset {@code offset} of the broker at {@code addr}. */
    public MessageRecord view(String addr, String topic, long offset) throws AdminException {
        RemotingCommand request = RemotingCommand.request(RequestCode.VIEW_MESSAGE_BY_ID)
                .putExt("offset", offset).putExt("topic", topic);
        List<MessageRecord> records = RecordDecoder.decodeAll(invoker.call(addr, request).body());
        if (records.isEmpty()) {
            throw new AdminException(AdminException.BAD_ANSWER, addr + " answered no message at offset " + offset);
        }
        return records.get(0);
    }
}
