package io.apogee.broker.retry;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.schedule.DelayParking;
import io.apogee.broker.stats.BrokerStats;

import io.apogee.common.message.OffsetMsgId;
import io.apogee.common.message.PropertyEditor;
import io.apogee.broker.subscription.SubscriptionGroupConfig;
import io.apogee.broker.subscription.SubscriptionGroupTable;
import io.apogee.broker.topic.GroupNameRule;
import io.apogee.broker.topic.SystemTopics;
import io.apogee.broker.topic.TopicTable;
import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.TopicConfig;
import io.apogee.store.MessageDraft;
import io.apogee.store.MessageStore;
import io.apogee.store.PutResult;
import io.apogee.store.StoredMessage;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Serves CONSUMER_SEND_MSG_BACK (36): a consumer hands back a message it failed to consume
 * (docs/protocol/05-consumer.md §9, docs/protocol/10-properties-and-system-topics.md §4).
 *
 * <p>The message is looked up by its commit-log {@code offset} and copied (body, flag, sysFlag, born
 * time/host kept; reconsume times = stored + 1; properties kept plus {@code RETRY_TOPIC} = its topic and
 * {@code ORIGIN_MESSAGE_ID} = its offsetMsgId, each only when not set yet; leftover {@code DELAY},
 * {@code REAL_TOPIC}, {@code REAL_QID} removed). The maximum reconsume count is the header's
 * {@code maxReconsumeTimes} for request version ≥ {@value #VERSION_WITH_MAX_RECONSUME} (when present), else the
 * group's {@code retryMaxTimes}.
 * <ul>
 *   <li>stored reconsume times ≥ max, or {@code delayLevel} &lt; 0: to {@code %DLQ%<group>} queue 0 (created
 *       with 1 queue, perm 6) at once, with 5.x provenance {@code DLQ_ORIGIN_TOPIC},
 *       {@code DLQ_ORIGIN_MESSAGE_ID};</li>
 *   <li>otherwise: to a random queue of {@code %RETRY%<group>} (created with the group's retryQueueNums, perm 6),
 *       parked in {@code SCHEDULE_TOPIC_XXXX} at level {@code delayLevel}, or {@code 3 + stored reconsume
 *       times} when 0 was requested (clamped to the highest level).</li>
 * </ul>
 * Answers SUCCESS without header once stored; a group that breaks the {@link GroupNameRule} → 29 (nothing is
 * created), an unknown group that may not be auto-created → 26, an unknown
 * offset → 1, a non-writable broker → 16, store failures mapped like sends (13, 14, else 1).
 *
 * <p>Statistics as Apache keeps them: a copy parked in {@code SCHEDULE_TOPIC_XXXX} counts as a put of that topic in
 * {@link BrokerStats} (its delivery to the retry topic is counted by the schedule service); a dead-lettered copy is
 * not counted.
 *
 * <p>Thread-safe: immutable settings and thread-safe collaborators; the answer is sent from the thread that
 * completes the put.
 */
public final class ConsumerSendMsgBackProcessor implements RequestProcessor {

    /** First client version (RocketMQ V3_4_9) whose {@code maxReconsumeTimes} header the broker honours. */
    static final int VERSION_WITH_MAX_RECONSUME = 121;
    private static final int PERM_RW = TopicConfig.PERM_READ | TopicConfig.PERM_WRITE;

    private final BrokerConfig config;
    private final MessageStore store;
    private final TopicTable topics;
    private final SubscriptionGroupTable groups;
    private final DelayParking parking;
    private final InetSocketAddress storeHost;
    private final BrokerStats stats;
    private final OffsetMsgId offsetMsgId;

    /** A processor counting each message it parks for retry as a put of the schedule topic in {@code stats}. */
    public ConsumerSendMsgBackProcessor(BrokerConfig config, MessageStore store, TopicTable topics,
                                        SubscriptionGroupTable groups, DelayParking parking,
                                        InetSocketAddress storeHost, BrokerStats stats) {
        this.config = config;
        this.store = store;
        this.topics = topics;
        this.groups = groups;
        this.parking = parking;
        this.storeHost = storeHost;
        this.stats = stats;
        this.offsetMsgId = new OffsetMsgId(storeHost);
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        SendBackHeader h = SendBackHeader.parse(request);
        if ((config.brokerPermission & TopicConfig.PERM_WRITE) == 0) {
            return RemotingCommand.response(ResponseCode.NO_PERMISSION, "the broker[" + config.brokerName
                    + "] sending message back is forbidden: brokerPermission=" + config.brokerPermission);
        }
        Optional<String> illegal = GroupNameRule.check(h.group());
        if (illegal.isPresent()) {
            return RemotingCommand.response(ResponseCode.INVALID_PARAMETER, illegal.get());
        }
        SubscriptionGroupConfig group = groups.findOrCreate(h.group());
        if (group == null) {
            return RemotingCommand.response(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, "subscription group ["
                    + h.group() + "] does not exist on broker " + config.brokerName
                    + " and autoCreateSubscriptionGroup is off");
        }
        ByteBuffer record = store.lookMessageByOffset(h.offset());
        if (record == null) {
            return RemotingCommand.response(ResponseCode.SYSTEM_ERROR, "no message at commit-log offset "
                    + h.offset() + " (send back of group " + h.group() + ")");
        }
        MessageDraft draft = retryCopy(record, h, group, maxReconsumeTimes(request, h, group));
        String topic = draft.topic;
        store.put(draft).whenComplete((result, error) -> {
            countParked(topic, result);
            channel.reply(request, answer(result, error));
        });
        return null;
    }

    /** Counts a put of the schedule topic (PUT_OK only); a dead-lettered copy is not counted, as in Apache. */
    private void countParked(String topic, PutResult result) {
        if (result != null && result.isOk() && DelayParking.topic().equals(topic)) {
            stats.recordPut(topic, result.msgCount(), result.wroteBytes());
        }
    }

    private static int maxReconsumeTimes(RemotingCommand request, SendBackHeader h, SubscriptionGroupConfig group) {
        return request.version() >= VERSION_WITH_MAX_RECONSUME && h.maxReconsumeTimes() >= 0
                ? h.maxReconsumeTimes() : group.retryMaxTimes;
    }

    private MessageDraft retryCopy(ByteBuffer record, SendBackHeader h, SubscriptionGroupConfig group, int max) {
        MessageDraft draft = MessageDraft.copyOf(record, storeHost);
        int stored = StoredMessage.reconsumeTimes(record);
        draft.reconsumeTimes = stored + 1;
        PropertyEditor props = DeadLetters.provenance(record, offsetMsgId.of(h.offset()));
        if (stored >= max || h.delayLevel() < 0) {
            DeadLetters.redirect(draft, props, h.group(), topics);
            return draft;
        }
        String retryTopic = SystemTopics.RETRY_PREFIX + h.group();
        TopicConfig retry = topics.createIfAbsent(retryTopic, Math.max(1, group.retryQueueNums), PERM_RW, 0);
        int queueId = ThreadLocalRandom.current().nextInt(Math.max(1, retry.writeQueueNums));
        int level = parking.levels().clamp(h.delayLevel() == 0 ? 3 + stored : h.delayLevel());
        draft.topic = DelayParking.topic();
        draft.queueId = DelayParking.queueOf(level);
        draft.setProperties(parking.park(props.render(), retryTopic, queueId, level));
        return draft;
    }

    private static RemotingCommand answer(PutResult result, Throwable error) {
        if (error != null) {
            return RemotingCommand.response(ResponseCode.SYSTEM_ERROR, "storing the sent-back message failed: "
                    + error);
        }
        return switch (result.status()) {
            case PUT_OK, FLUSH_DISK_TIMEOUT, FLUSH_SLAVE_TIMEOUT, SLAVE_NOT_AVAILABLE -> RemotingCommand.success();
            case MESSAGE_ILLEGAL, PROPERTIES_SIZE_EXCEEDED ->
                    RemotingCommand.response(ResponseCode.MESSAGE_ILLEGAL, result.reason());
            case SERVICE_NOT_AVAILABLE -> RemotingCommand.response(ResponseCode.SERVICE_NOT_AVAILABLE, result.reason());
            default -> RemotingCommand.response(ResponseCode.SYSTEM_ERROR, result.reason());
        };
    }
}
