package io.apogee.broker.send;

import io.apogee.broker.BrokerAddress;
import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.schedule.DelayLevels;
import io.apogee.broker.schedule.DelayParking;
import io.apogee.broker.subscription.SubscriptionGroupTable;
import io.apogee.broker.topic.SystemTopics;
import io.apogee.broker.topic.TopicCreation;
import io.apogee.broker.topic.TopicNameRule;
import io.apogee.broker.topic.TopicTable;
import io.apogee.broker.transaction.HalfParking;
import io.apogee.broker.transaction.TransactionKeys;
import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.TopicConfig;
import io.apogee.store.MessageDraft;
import io.apogee.store.MessageStore;
import io.apogee.store.MessageStoreConfig;
import io.apogee.store.PutResult;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Serves SEND_MESSAGE (10), SEND_MESSAGE_V2 (310) and SEND_BATCH_MESSAGE (320).
 *
 * <p>Checks, in order, each answered with a remark naming the offending value: broker not writable (16),
 * illegal topic name (29), internal topic (16), unknown topic that may not be auto-created (17), topic not
 * writable (16), queueId ≥ max(read, write queues) (29), empty or oversized body (13), properties over 32767
 * bytes (13). A negative queueId picks a random writable queue. A single message may then be re-targeted by
 * {@link SendRouter}: transaction half messages are parked in {@code RMQ_SYS_TRANS_HALF_TOPIC} (stored with
 * sysFlag transaction type 0), retry sends over their reconsume limit go to {@code %DLQ%<group>}, delayed messages
 * ({@code DELAY}, 5.x timer properties) are parked in {@code SCHEDULE_TOPIC_XXXX}. The stored properties are
 * the client's plus {@code CLUSTER} (and a generated {@code UNIQ_KEY} when missing). The store's future completes the request:
 * the processor never waits for a flush; the response is sent from whichever thread completes the put (and,
 * for an auto-created topic, its name-server registration).
 *
 * <p>Thread-safe: holds only immutable settings and thread-safe collaborators; per-request state lives on
 * the stack of the handling thread.
 */
public final class SendProcessor implements RequestProcessor {

    private static final int MULTI_TAGS_FLAG = 0x2;
    private static final int MAX_PROPERTIES_BYTES = Short.MAX_VALUE;

    private final BrokerConfig config;
    private final MessageStore store;
    private final TopicTable topics;
    private final AutoCreatePolicy autoCreate;
    private final InetSocketAddress storeHost;
    private final OffsetMsgId offsetMsgId;
    private final UniqKeyGenerator uniqKeys;
    private final SendResponses responses;
    private final int maxMessageSize;
    private final SendRouter router;

    /** A processor without consumer-group checks on retry sends, with the configured delay levels. */
    public SendProcessor(BrokerConfig config, MessageStoreConfig storeConfig, MessageStore store, TopicTable topics,
                         BrokerAddress address) {
        this(config, storeConfig, store, topics, address, null,
                new DelayParking(DelayLevels.parse(config.messageDelayLevel)));
    }

    /**
     * @param groups  consumer groups, checked (and auto-created) for sends to {@code %RETRY%} topics; may be null
     * @param parking delay-level rules for delayed messages
     */
    public SendProcessor(BrokerConfig config, MessageStoreConfig storeConfig, MessageStore store, TopicTable topics,
                         BrokerAddress address, SubscriptionGroupTable groups, DelayParking parking) {
        this.router = new SendRouter(topics, groups, parking, config.rejectTransactionMessage);
        this.config = config;
        this.store = store;
        this.topics = topics;
        this.autoCreate = new AutoCreatePolicy(config, topics);
        this.storeHost = address.socketAddress();
        this.offsetMsgId = new OffsetMsgId(storeHost);
        this.uniqKeys = new UniqKeyGenerator(storeHost.getAddress().getAddress());
        this.responses = new SendResponses(offsetMsgId);
        this.maxMessageSize = storeConfig.maxMessageSize;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        SendRequestHeader h = SendRequestHeader.parse(request);
        if ((config.brokerPermission & TopicConfig.PERM_WRITE) == 0) {
            return reject(ResponseCode.NO_PERMISSION, "the broker[" + config.brokerName
                    + "] sending message is forbidden: brokerPermission=" + config.brokerPermission);
        }
        Optional<String> badName = TopicNameRule.check(h.topic);
        if (badName.isPresent()) {
            return reject(ResponseCode.INVALID_PARAMETER, badName.get());
        }
        if (SystemTopics.isNotSendable(h.topic)) {
            return reject(ResponseCode.NO_PERMISSION, "sending to the internal topic " + h.topic + " is forbidden");
        }
        TopicConfig topic = topics.find(h.topic);
        CompletableFuture<Void> announced = null;
        if (topic == null) {
            Optional<TopicCreation> created = autoCreate.resolve(h);
            if (created.isEmpty()) {
                return reject(ResponseCode.TOPIC_NOT_EXIST, "topic[" + h.topic + "] does not exist on broker "
                        + config.brokerName + " and may not be auto-created (autoCreateTopicEnable="
                        + config.autoCreateTopicEnable + ", defaultTopic=" + h.defaultTopic + ")");
            }
            topic = created.get().config();
            announced = created.get().announced();
        }
        Optional<RemotingCommand> rejected = checkTarget(h, topic, request.body());
        if (rejected.isPresent()) {
            return rejected.get();
        }
        int queueId = h.queueId >= 0 ? h.queueId : ThreadLocalRandom.current().nextInt(topic.writeQueueNums);
        int sysFlag = "MULTI_TAG".equals(topic.topicFilterType) ? h.sysFlag | MULTI_TAGS_FLAG : h.sysFlag;
        return request.code() == RequestCode.SEND_BATCH_MESSAGE
                ? sendBatch(channel, request, h, queueId, sysFlag, announced)
                : sendOne(channel, request, h, queueId, sysFlag, announced);
    }

    private Optional<RemotingCommand> checkTarget(SendRequestHeader h, TopicConfig topic, byte[] body) {
        if (!topic.isWritable() || topic.writeQueueNums <= 0) {
            return Optional.of(reject(ResponseCode.NO_PERMISSION, "the topic[" + h.topic
                    + "] sending message is forbidden: perm=" + topic.perm + ", writeQueueNums=" + topic.writeQueueNums));
        }
        int queues = Math.max(topic.readQueueNums, topic.writeQueueNums);
        if (h.queueId >= queues) {
            return Optional.of(reject(ResponseCode.INVALID_PARAMETER, "queueId " + h.queueId
                    + " is illegal: topic " + h.topic + " has " + queues + " queues on broker " + config.brokerName));
        }
        if (body == null || body.length == 0) {
            return Optional.of(reject(ResponseCode.MESSAGE_ILLEGAL, "the message body is empty"));
        }
        if (body.length > maxMessageSize) {
            return Optional.of(reject(ResponseCode.MESSAGE_ILLEGAL, "the message body size " + body.length
                    + " bytes exceeds the limit of " + maxMessageSize + " bytes (maxMessageSize)"));
        }
        return Optional.empty();
    }

    private RemotingCommand sendOne(RemoteChannel channel, RemotingCommand request, SendRequestHeader h,
                                    int queueId, int sysFlag, CompletableFuture<Void> announced) {
        SendRoute route = router.route(h, queueId, sysFlag);
        if (route.rejection() != null) {
            return route.rejection();
        }
        boolean routed = route != SendRoute.UNCHANGED;
        String clientProps = routed ? route.properties() : h.properties;
        String uniqKey = MessageProperties.valueOf(clientProps, MessageProperties.UNIQ_KEY);
        String generated = uniqKey == null ? uniqKeys.next() : null;
        byte[] props = storedProperties(clientProps, generated);
        if (props.length > MAX_PROPERTIES_BYTES) {
            return tooManyProperties(props.length);
        }
        MessageDraft draft = draft(channel, h, queueId, sysFlag, h.flag, request.body(), props, clientProps);
        if (routed) {
            draft.topic = route.topic();
            draft.queueId = route.queueId();
            if (HalfParking.TOPIC.equals(route.topic())) {
                draft.sysFlag = TransactionKeys.withType(sysFlag, TransactionKeys.NOT_TYPE);
            }
        }
        String transactionId = uniqKey != null ? uniqKey : generated;
        int responseQueueId = routed ? route.responseQueueId() : queueId;
        reply(channel, request, store.put(draft), announced, responseQueueId, transactionId, false);
        return null;
    }

    private RemotingCommand sendBatch(RemoteChannel channel, RemotingCommand request, SendRequestHeader h,
                                      int queueId, int sysFlag, CompletableFuture<Void> announced) {
        List<BatchBody.Entry> entries;
        try {
            entries = BatchBody.decode(request.body());
        } catch (IllegalArgumentException e) {
            return reject(ResponseCode.MESSAGE_ILLEGAL, e.getMessage());
        }
        List<MessageDraft> drafts = new ArrayList<>(entries.size());
        for (BatchBody.Entry e : entries) {
            String generated = MessageProperties.valueOf(e.properties(), MessageProperties.UNIQ_KEY) == null
                    ? uniqKeys.next() : null;
            byte[] props = storedProperties(e.properties(), generated);
            if (props.length > MAX_PROPERTIES_BYTES) {
                return tooManyProperties(props.length);
            }
            drafts.add(draft(channel, h, queueId, sysFlag, e.flag(), e.body(), props, e.properties()));
        }
        String transactionId = MessageProperties.valueOf(h.properties, MessageProperties.UNIQ_KEY);
        reply(channel, request, store.putBatch(drafts), announced, queueId, transactionId, true);
        return null;
    }

    private void reply(RemoteChannel channel, RemotingCommand request, CompletableFuture<PutResult> put,
                       CompletableFuture<Void> announced, int queueId, String transactionId, boolean batch) {
        CompletableFuture<PutResult> done = announced == null ? put : put.thenCombine(announced, (r, v) -> r);
        done.whenComplete((result, error) ->
                channel.reply(request, responses.of(result, error, queueId, transactionId, batch)));
    }

    private MessageDraft draft(RemoteChannel channel, SendRequestHeader h, int queueId, int sysFlag, int flag,
                               byte[] body, byte[] props, String clientProps) {
        MessageDraft d = new MessageDraft();
        d.topic = h.topic;
        d.queueId = queueId;
        d.flag = flag;
        d.body = body;
        d.properties = props;
        d.bornTimestamp = h.bornTimestamp;
        d.bornHost = channel.remoteSocketAddress();
        d.storeHost = storeHost;
        d.sysFlag = sysFlag;
        d.reconsumeTimes = h.reconsumeTimes;
        String tags = MessageProperties.valueOf(clientProps, MessageProperties.TAGS);
        d.tagsCode = tags == null ? 0 : tags.hashCode();
        return d;
    }

    private byte[] storedProperties(String clientProps, String generatedUniqKey) {
        StringBuilder sb = new StringBuilder(clientProps.length() + config.brokerClusterName.length() + 48);
        MessageProperties.rebuild(sb, clientProps, MessageProperties.CLUSTER, config.brokerClusterName,
                generatedUniqKey);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static RemotingCommand tooManyProperties(int length) {
        return reject(ResponseCode.MESSAGE_ILLEGAL, "the message properties are " + length
                + " bytes long, more than the allowed " + MAX_PROPERTIES_BYTES);
    }

    private static RemotingCommand reject(int code, String remark) {
        return RemotingCommand.response(code, remark);
    }
}
