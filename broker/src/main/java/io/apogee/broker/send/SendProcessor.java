package io.apogee.broker.send;

import io.apogee.broker.config.BrokerAddress;
import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.dedup.RecentSends;
import io.apogee.broker.schedule.DelayLevels;
import io.apogee.broker.schedule.DelayParking;
import io.apogee.broker.timer.RecallHandle;
import io.apogee.broker.stats.BrokerStats;
import io.apogee.broker.subscription.SubscriptionGroupTable;
import io.apogee.broker.topic.GroupNameRule;
import io.apogee.broker.topic.SystemTopics;
import io.apogee.broker.topic.TopicCreation;
import io.apogee.broker.topic.TopicNameRule;
import io.apogee.broker.topic.TopicTable;
import io.apogee.broker.transaction.HalfParking;
import io.apogee.broker.transaction.TransactionKeys;
import io.apogee.common.message.MessageProperties;
import io.apogee.common.message.OffsetMsgId;
import io.apogee.common.message.PropertyEditor;
import io.apogee.common.message.UniqKeyGenerator;
import io.apogee.common.text.ClientText;
import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RemotingServer;
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
import java.util.function.Supplier;
import java.util.function.Predicate;

/**
 * Serves SEND_MESSAGE (10), SEND_MESSAGE_V2 (310) and SEND_BATCH_MESSAGE (320).
 *
 * <p>Checks, in order, each answered with a remark naming the offending value (client text rendered by {@link
 * ClientText}): broker not writable (16), illegal topic name (29), a {@code %RETRY%<group>} topic whose group breaks
 * the {@link GroupNameRule} (29, before the retry topic could be auto-created), internal topic (16), unknown topic that
 * may not be auto-created (17), topic not writable (16), queueId ≥ max(read, write queues) (29), empty or oversized
 * body (13), properties over 32767 bytes (13). A negative queueId picks a random writable queue. A single message may
 * then be re-targeted by {@link SendRouter}: transaction half messages are parked in {@code RMQ_SYS_TRANS_HALF_TOPIC}
 * (stored with sysFlag transaction type 0), retry sends over their reconsume limit go to {@code %DLQ%<group>}, delay
 * levels ({@code DELAY}) are parked in {@code SCHEDULE_TOPIC_XXXX} and 5.x timers in {@code rmq_sys_wheel_timer} (their
 * answer carries a {@code recallHandle} when {@code recallMessageEnable}). The stored properties are
 * the client's plus {@code CLUSTER}, {@code MSG_REGION} and {@code TRACE_ON} (and a generated {@code UNIQ_KEY} when
 * missing); every stored message is counted in the broker's statistics under the topic it was stored in. The
 * store's future completes the request: the processor never waits for a flush or a metadata write (it runs on the
 * Netty I/O thread that read the request); the response is sent from whichever thread completes the put. A message for
 * a topic that is not ready yet (just auto-created, see {@link TopicTable#ready}) is stored only once the topic is
 * written and announced, or refused with SYSTEM_ERROR naming the file when it could not be written. A message whose
 * {@code WAIT} property is present and not {@code true} ({@link WaitProperty}; for a batch: the request's own
 * properties, which clients copy from the first message, as in Apache) is answered once appended, without waiting
 * for SYNC_FLUSH's force or SYNC_MASTER's slave ({@link MessageDraft#waitStoreMsgOK}). A send already stored
 * within the duplicate window ({@link RecentSends}: a producer's retry) is answered with the original's result and
 * not stored again.
 *
 * <p>Thread-safe: holds only immutable settings and thread-safe collaborators; per-request state lives on
 * the stack of the handling thread.
 */
public final class SendProcessor implements RequestProcessor {

    private static final int MULTI_TAGS_FLAG = 0x2;
    private static final int MAX_PROPERTIES_BYTES = Short.MAX_VALUE;
    /** The broker's region, stamped on every stored message (Apache's {@code MessageConst.PROPERTY_MSG_REGION}). */
    static final String MSG_REGION = "MSG_REGION";
    /** Whether tracing is on, stamped on every stored message ({@code PROPERTY_TRACE_SWITCH}). */
    static final String TRACE_ON = "TRACE_ON";

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
    private final BrokerStats stats;
    private final String region;
    private final String traceOn;
    private final DuplicateSends duplicates;

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
        this(config, storeConfig, store, topics, address, groups, parking, BrokerStats.unshared());
    }

    /** As above, counting every stored message in {@code stats} (per topic and broker-wide). */
    public SendProcessor(BrokerConfig config, MessageStoreConfig storeConfig, MessageStore store, TopicTable topics,
                         BrokerAddress address, SubscriptionGroupTable groups, DelayParking parking,
                         BrokerStats stats) {
        this.stats = stats;
        this.region = config.regionId;
        this.traceOn = String.valueOf(config.traceOn);
        this.router = new SendRouter(topics, groups, parking, config.rejectTransactionMessage);
        this.config = config;
        this.store = store;
        this.topics = topics;
        this.autoCreate = new AutoCreatePolicy(config, topics);
        this.storeHost = address.socketAddress();
        this.offsetMsgId = new OffsetMsgId(storeHost);
        this.uniqKeys = new UniqKeyGenerator(storeHost.getAddress().getAddress());
        this.responses = new SendResponses(offsetMsgId, config.regionId, config.traceOn);
        this.maxMessageSize = storeConfig.maxMessageSize;
        this.duplicates = new DuplicateSends(RecentSends.of(config), responses);
    }

    /**
     * Which consumer groups hold live queue locks (orderly groups): their retry sends go to the DLQ at once, as on
     * Apache 5.x. Set once before the broker serves; until then no group does.
     */
    public void orderlyGroups(Predicate<String> holdsQueueLock) {
        router.lockHolders(holdsQueueLock);
    }

    /** The duplicate-send window of this processor (for the broker's metrics). */
    public RecentSends recentSends() {
        return duplicates.window();
    }

    /**
     * Registers this processor for SEND_MESSAGE, SEND_MESSAGE_V2 and SEND_BATCH_MESSAGE. Sends never block (the
     * store and the topic table answer with futures), so they run on the Netty I/O thread that read them: no
     * hand-off to another thread and back, and the response joins the read batch's single flush.
     */
    public void registerWith(RemotingServer server) {
        server.registerProcessor(RequestCode.SEND_MESSAGE, this, Runnable::run);
        server.registerProcessor(RequestCode.SEND_MESSAGE_V2, this, Runnable::run);
        server.registerProcessor(RequestCode.SEND_BATCH_MESSAGE, this, Runnable::run);
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        SendRequestHeader h = SendRequestHeader.parse(request);
        if ((config.brokerPermission & TopicConfig.PERM_WRITE) == 0) {
            return reject(ResponseCode.NO_PERMISSION, "the broker[" + config.brokerName
                    + "] sending message is forbidden: brokerPermission=" + config.brokerPermission);
        }
        Optional<String> badName = checkNames(h.topic);
        if (badName.isPresent()) {
            return reject(ResponseCode.INVALID_PARAMETER, badName.get());
        }
        if (SystemTopics.isNotSendable(h.topic)) {
            return reject(ResponseCode.NO_PERMISSION, "sending to the internal topic " + h.topic + " is forbidden");
        }
        TopicConfig topic = topics.find(h.topic);
        CompletableFuture<Void> ready;
        if (topic == null) {
            Optional<TopicCreation> created = autoCreate.resolve(h);
            if (created.isEmpty()) {
                return reject(ResponseCode.TOPIC_NOT_EXIST, "topic[" + h.topic + "] does not exist on broker "
                        + config.brokerName + " and may not be auto-created (autoCreateTopicEnable="
                        + config.autoCreateTopicEnable + ", defaultTopic=" + ClientText.of(h.defaultTopic) + ")");
            }
            topic = created.get().config();
            ready = created.get().ready();
        } else {
            ready = topics.ready(h.topic);
        }
        Optional<RemotingCommand> rejected = checkTarget(h, topic, request.body());
        if (rejected.isPresent()) {
            return rejected.get();
        }
        int queueId = h.queueId >= 0 ? h.queueId : ThreadLocalRandom.current().nextInt(topic.writeQueueNums);
        int sysFlag = "MULTI_TAG".equals(topic.topicFilterType) ? h.sysFlag | MULTI_TAGS_FLAG : h.sysFlag;
        return request.code() == RequestCode.SEND_BATCH_MESSAGE
                ? sendBatch(channel, request, h, queueId, sysFlag, ready)
                : sendOne(channel, request, h, queueId, sysFlag, ready);
    }

    /** Empty when the topic name, and for a retry topic its group name, are legal. */
    private static Optional<String> checkNames(String topic) {
        Optional<String> badTopic = TopicNameRule.check(topic);
        if (badTopic.isPresent() || !SystemTopics.isRetry(topic)) {
            return badTopic;
        }
        return GroupNameRule.check(topic.substring(SystemTopics.RETRY_PREFIX.length()))
                .map(badGroup -> "retry topic " + topic + ": " + badGroup);
    }

    private Optional<RemotingCommand> checkTarget(SendRequestHeader h, TopicConfig topic, byte[] body) {
        if (!topic.isWritable() || topic.writeQueueNums <= 0) {
            return Optional.of(reject(ResponseCode.NO_PERMISSION, "the topic[" + h.topic + "] sending message is "
                    + "forbidden: perm=" + topic.perm + ", writeQueueNums=" + topic.writeQueueNums));
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
                                    int queueId, int sysFlag, CompletableFuture<Void> ready) {
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
        draft.waitStoreMsgOK = WaitProperty.waitStoreMsgOK(clientProps);
        String transactionId = uniqKey != null ? uniqKey : generated;
        int responseQueueId = routed ? route.responseQueueId() : queueId;
        long ticket = duplicates.claim(channel, request, h, false, uniqKey, responseQueueId, transactionId);
        if (ticket == DuplicateSends.ANSWERED) {
            return null;
        }
        CompletableFuture<Void> targetReady = routed ? reroute(draft, route, sysFlag, ready) : ready;
        putWhenReady(channel, request, draft, ready, targetReady, ticket,
                new Answer(responseQueueId, transactionId, false, recallHandle(h, route, transactionId)));
        return null;
    }

    /** A timer message's recall handle (when {@code recallMessageEnable}); null for every other message. */
    private String recallHandle(SendRequestHeader h, SendRoute route, String uniqKey) {
        return route.deliverMs() > 0 && config.recallMessageEnable
                ? RecallHandle.encode(h.topic, config.brokerName, route.deliverMs(), uniqKey) : null;
    }

    /** Stores one message once its topic and the topic it is routed to are ready; at once when they are. */
    private void putWhenReady(RemoteChannel channel, RemotingCommand request, MessageDraft draft,
                              CompletableFuture<Void> ready, CompletableFuture<Void> targetReady, long ticket,
                              Answer answer) {
        if (isReady(ready) && isReady(targetReady)) {
            reply(channel, request, duplicates.track(ticket, store.put(draft)), draft.topic, answer);
        } else {
            CompletableFuture.allOf(ready, targetReady).whenComplete((v, error) -> putOrRefuse(channel, request,
                    duplicates.refused(ticket, error), draft.topic, () -> duplicates.track(ticket, store.put(draft)),
                    answer));
        }
    }

    /**
     * Stores the draft where the router sent it; half messages are stored as ordinary records of the half topic.
     * Answers what must be ready before the put: the target topic's readiness, else {@code ready}.
     */
    private static CompletableFuture<Void> reroute(MessageDraft draft, SendRoute route, int sysFlag,
                                                   CompletableFuture<Void> ready) {
        draft.topic = route.topic();
        draft.queueId = route.queueId();
        if (HalfParking.TOPIC.equals(route.topic())) {
            draft.sysFlag = TransactionKeys.withType(sysFlag, TransactionKeys.NOT_TYPE);
        }
        return route.ready() != null ? route.ready() : ready;
    }

    private RemotingCommand sendBatch(RemoteChannel channel, RemotingCommand request, SendRequestHeader h,
                                      int queueId, int sysFlag, CompletableFuture<Void> ready) {
        List<BatchBody.Entry> entries;
        try {
            entries = BatchBody.decode(request.body());
        } catch (IllegalArgumentException e) {
            return reject(ResponseCode.MESSAGE_ILLEGAL, e.getMessage());
        }
        List<MessageDraft> drafts = new ArrayList<>(entries.size());
        boolean waitStoreMsgOK = WaitProperty.waitStoreMsgOK(h.properties);
        for (BatchBody.Entry e : entries) {
            String generated = MessageProperties.valueOf(e.properties(), MessageProperties.UNIQ_KEY) == null
                    ? uniqKeys.next() : null;
            byte[] props = storedProperties(e.properties(), generated);
            if (props.length > MAX_PROPERTIES_BYTES) {
                return tooManyProperties(props.length);
            }
            MessageDraft draft = draft(channel, h, queueId, sysFlag, e.flag(), e.body(), props, e.properties());
            draft.waitStoreMsgOK = waitStoreMsgOK;
            drafts.add(draft);
        }
        String transactionId = MessageProperties.valueOf(h.properties, MessageProperties.UNIQ_KEY);
        long ticket = duplicates.claim(channel, request, h, true,
                MessageProperties.valueOf(entries.get(0).properties(), MessageProperties.UNIQ_KEY), queueId,
                transactionId);
        if (ticket == DuplicateSends.ANSWERED) {
            return null;
        }
        Answer answer = new Answer(queueId, transactionId, true, null);
        if (isReady(ready)) {
            reply(channel, request, duplicates.track(ticket, store.putBatch(drafts)), h.topic, answer);
        } else {
            ready.whenComplete((v, error) -> putOrRefuse(channel, request, duplicates.refused(ticket, error),
                    h.topic, () -> duplicates.track(ticket, store.putBatch(drafts)), answer));
        }
        return null;
    }

    /** True when nothing has to be awaited: the topic's metadata is durable and announced. */
    private static boolean isReady(CompletableFuture<Void> ready) {
        return ready.isDone() && !ready.isCompletedExceptionally();
    }

    /** Once the target topic is ready: stores the message(s), or refuses them when the topic could not be written. */
    private void putOrRefuse(RemoteChannel channel, RemotingCommand request, Throwable notReady, String topic,
                             Supplier<CompletableFuture<PutResult>> put, Answer answer) {
        if (notReady != null) {
            channel.reply(request, responses.topicNotStored(topic, notReady));
        } else {
            reply(channel, request, put.get(), topic, answer);
        }
    }

    /** Answers once the put completes, counting what it stored under {@code topic} (where it was stored). */
    private void reply(RemoteChannel channel, RemotingCommand request, CompletableFuture<PutResult> put,
                       String topic, Answer answer) {
        put.whenComplete((result, error) -> {
            if (result != null && result.msgCount() > 0) {
                stats.recordPut(topic, result.msgCount(), result.wroteBytes());
            }
            channel.reply(request, responses.of(result, error, answer.queueId(), answer.transactionId(),
                    answer.batch(), answer.recallHandle()));
        });
    }

    /**
     * What the answer of a send carries besides the store's result: the queue id echoed, the transaction id
     * (UNIQ_KEY), whether it was a batch, and a timer message's recall handle (null for others).
     */
    private record Answer(int queueId, String transactionId, boolean batch, String recallHandle) {
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
        d.tagsCode = MessageProperties.tagsCode(clientProps);
        return d;
    }

    /**
     * The client's properties with CLUSTER, MSG_REGION ({@code regionId}) and TRACE_ON ({@code traceOn}) set, as
     * Apache's send path sets them, and, when given, a generated UNIQ_KEY. Allocates only the builder and the
     * result unless the client already sent MSG_REGION or TRACE_ON (then they are removed first).
     */
    private byte[] storedProperties(String clientProps, String generatedUniqKey) {
        String props = MessageProperties.find(clientProps, MSG_REGION) == MessageProperties.ABSENT
                && MessageProperties.find(clientProps, TRACE_ON) == MessageProperties.ABSENT
                ? clientProps : PropertyEditor.of(clientProps).remove(MSG_REGION, TRACE_ON).render();
        StringBuilder sb = new StringBuilder(props.length() + config.brokerClusterName.length() + region.length()
                + 80);
        MessageProperties.appendWith(sb, props, MessageProperties.CLUSTER, config.brokerClusterName);
        if (!region.isEmpty()) {
            MessageProperties.append(sb, MSG_REGION, region);
        }
        MessageProperties.append(sb, TRACE_ON, traceOn);
        if (generatedUniqKey != null) {
            MessageProperties.append(sb, MessageProperties.UNIQ_KEY, generatedUniqKey);
        }
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
