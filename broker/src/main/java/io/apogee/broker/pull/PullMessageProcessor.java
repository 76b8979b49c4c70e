package io.apogee.broker.pull;

import io.apogee.broker.client.ClientTable;
import io.apogee.broker.client.ConsumerGroup;
import io.apogee.broker.client.RetryQueueWatch;
import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.offset.ConsumerOffsetTable;
import io.apogee.broker.offset.PendingResets;
import io.apogee.broker.offset.QueueBounds;
import io.apogee.broker.stats.BrokerStats;
import io.apogee.broker.subscription.Subscription;
import io.apogee.broker.subscription.SubscriptionGroupConfig;
import io.apogee.broker.subscription.SubscriptionGroupTable;
import io.apogee.broker.topic.GroupNameRule;
import io.apogee.broker.topic.TopicTable;
import io.apogee.common.text.ClientText;
import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.ConsumerData;
import io.apogee.remoting.body.TopicConfig;
import io.apogee.store.GetResult;
import io.apogee.store.GetStatus;
import io.apogee.store.MessageFilter;
import io.apogee.store.MessageStore;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PULL_MESSAGE (11) and LITE_PULL_MESSAGE (361), following docs/protocol/05-consumer.md §7.
 *
 * <p>Checks, first failure wins: broker readable (16), legal group name (29), group known or auto-created (26),
 * group may consume (16), topic known (17), topic readable (16), queueId within readQueueNums (29),
 * subscription: from the request when sysFlag 0x4 is set (bad TAG expression 23), else from the group's last
 * heartbeat (no group or topic 24, older subVersion 25, broadcast disabled 16). A SQL92 expression answers 1 when
 * {@code enablePropertyFilter} is off and 23 when it does not compile (or the type is unknown); otherwise its
 * {@link io.apogee.broker.filter.SqlFilter} passes every consume-queue unit and selects records by their
 * properties (so an answer may be 20, NO_MATCHED_MESSAGE, when a scanned range has no match).
 *
 * <p>Store outcome to response: FOUND 0 (records as body) · NO_MATCHED_MESSAGE, MESSAGE_WAS_REMOVING 20 ·
 * OFFSET_FOUND_NULL, OFFSET_OVERFLOW_ONE 19 · OFFSET_OVERFLOW_BADLY, OFFSET_TOO_SMALL 21 ·
 * NO_MESSAGE_IN_QUEUE, NO_MATCHED_LOGIC_QUEUE 19 at offset 0, else 21. Every answer carries ext
 * nextBeginOffset, minOffset, maxOffset, suggestWhichBrokerId ({@link SlaveReadAdvice}), topicSysFlag, groupSysFlag;
 * the remark is the store status name. A 19 with sysFlag 0x2 is not answered but parked in the
 * {@link PullRequestHoldService} (for suspendTimeoutMillis, at most pullHoldMaxMillis, or shortPollingTimeMills
 * without long polling) and re-run once when woken; a header over pullHoldMaxHeaderBytes or a full hold
 * (pullHoldMaxPerConnection, pullHoldMaxTotal) answers 2 (SYSTEM_BUSY) naming the limit instead. With sysFlag
 * 0x1 a master stores {@code commitOffset} on first processing. While an admin's reset of the queue's offset waits
 * for the group to take it up (useServerSideResetOffset, {@link PendingResets}), a pull from any other offset
 * answers 21 with nextBeginOffset the reset offset (remark OFFSET_RESET), and a commitOffset other than the reset
 * offset is not stored.
 *
 * <p>Every store read is counted in the broker's statistics ({@link BrokerStats}): messages and bytes handed to
 * the group, or a miss.
 *
 * <p>Thread-safe: stateless apart from the thread-safe tables, store, hold service and statistics.
 */
public final class PullMessageProcessor implements RequestProcessor, HeldPull.PullReplay {

    /** Upper bound of one answer's body, as Apache's in-memory transfer limit. */
    static final int MAX_BODY_BYTES = 256 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(PullMessageProcessor.class);

    private final BrokerConfig config;
    private final MessageStore store;
    private final SlaveReadAdvice slaveReadAdvice;
    private final TopicTable topics;
    private final SubscriptionGroupTable groups;
    private final ClientTable clients;
    private final ConsumerOffsetTable offsets;
    private final PullRequestHoldService holdService;
    private final RetryQueueWatch retryWatch;
    private final QueueBounds bounds;
    private volatile BrokerStats stats = BrokerStats.unshared();

    /** What a pull reads with, or why it may not read. */
    private record Target(MessageFilter filter, int topicSysFlag, int groupSysFlag, RemotingCommand rejection) {
        static Target reject(int code, String remark) {
            return new Target(null, 0, 0, RemotingCommand.response(code, remark));
        }
    }

    public PullMessageProcessor(BrokerConfig config, MessageStore store, TopicTable topics,
                                SubscriptionGroupTable groups, ClientTable clients, ConsumerOffsetTable offsets,
                                PullRequestHoldService holdService, RetryQueueWatch retryWatch) {
        this.config = config;
        this.store = store;
        this.slaveReadAdvice = new SlaveReadAdvice(config, store);
        this.topics = topics;
        this.groups = groups;
        this.clients = clients;
        this.offsets = offsets;
        this.holdService = holdService;
        this.retryWatch = retryWatch;
        this.bounds = new QueueBounds(topics, store);
    }

    /** Counts every store read in {@code stats} from now on (set before the processor is registered). */
    public void countWith(BrokerStats brokerStats) {
        this.stats = brokerStats;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        return pull(channel, request, true);
    }

    @Override
    public void replay(HeldPull held) {
        if (!held.channel().isActive()) {
            return;
        }
        RemotingCommand response;
        try {
            response = pull(held.channel(), held.request(), false);
        } catch (Throwable t) {
            LOG.warn("re-running held pull {} failed", held.request(), t);
            response = RemotingCommand.response(ResponseCode.SYSTEM_ERROR, "pull failed: " + t);
        }
        held.channel().reply(held.request(), response);
    }

    private RemotingCommand pull(RemoteChannel channel, RemotingCommand request, boolean firstRun) {
        PullRequestHeader header = PullRequestHeader.from(request);
        Target target = resolve(header);
        if (target.rejection() != null) {
            return target.rejection();
        }
        long reset = offsets.pullMovedTo(header.consumerGroup(), header.topic(), header.queueId(),
                header.queueOffset());
        if (reset >= 0) {
            return offsetReset(header, target, reset);
        }
        int maxBytes = Math.min(header.maxMsgBytes(), MAX_BODY_BYTES);
        GetResult result = store.get(header.topic(), header.queueId(), header.queueOffset(), header.maxMsgNums(),
                maxBytes, target.filter());
        count(header, result);
        RemotingCommand response = toResponse(header, result, target,
                slaveReadAdvice.suggest(result, groups.find(header.consumerGroup())));
        if (firstRun) {
            retryWatch.pulled(header.consumerGroup(), header.topic());
        }
        if (firstRun && header.hasCommitOffset() && config.brokerId == 0
                && bounds.checkCommit(header.topic(), header.queueId(), header.commitOffset()).isEmpty()
                && offsets.takesCommit(header.consumerGroup(), header.topic(), header.queueId(),
                header.commitOffset())) {
            offsets.commit(header.consumerGroup(), header.topic(), header.queueId(), header.commitOffset());
        }
        if (firstRun && response.code() == ResponseCode.PULL_NOT_FOUND && header.hasSuspend()) {
            return park(channel, request, header, target.filter());
        }
        return response;
    }

    /** Records what the read handed out (messages, bytes, the queue's new pull offset) or that it found nothing. */
    private void count(PullRequestHeader header, GetResult result) {
        if (result.status() == GetStatus.FOUND) {
            stats.recordGet(header.consumerGroup(), header.topic(), header.queueId(), result.messageCount(),
                    result.totalBytes(), result.nextBeginOffset());
        } else {
            stats.recordMiss();
        }
    }

    /**
     * Parks a pull that found nothing (null: answered when woken), or answers SYSTEM_BUSY naming the cap that
     * refused it; the client then retries after its own delay.
     */
    private RemotingCommand park(RemoteChannel channel, RemotingCommand request, PullRequestHeader header,
                                 MessageFilter filter) {
        RemotingCommand kept = PullRequestHeader.trimmed(request);
        int size = PullRequestHeader.extChars(kept);
        if (size > config.pullHoldMaxHeaderBytes) {
            return RemotingCommand.response(ResponseCode.SYSTEM_BUSY, "[PULL_HOLD] a pull header of " + size
                    + " characters is not parked (pullHoldMaxHeaderBytes=" + config.pullHoldMaxHeaderBytes + ")");
        }
        long waitMillis = config.longPollingEnable
                ? Math.min(Math.max(0, header.suspendTimeoutMillis()), config.pullHoldMaxMillis)
                : config.shortPollingTimeMills;
        PullRequestHoldService.HoldOutcome outcome = holdService.hold(new HeldPull(channel, kept, header.topic(),
                header.queueId(), header.queueOffset(), System.currentTimeMillis() + waitMillis, filter,
                config.longPollingEnable, this));
        return switch (outcome) {
            case HELD -> null;
            case CONNECTION_FULL -> RemotingCommand.response(ResponseCode.SYSTEM_BUSY, "[PULL_HOLD] connection "
                    + channel.remoteAddress() + " already has " + config.pullHoldMaxPerConnection
                    + " parked pulls (pullHoldMaxPerConnection)");
            case BROKER_FULL -> RemotingCommand.response(ResponseCode.SYSTEM_BUSY, "[PULL_HOLD] the broker already "
                    + "has " + config.pullHoldMaxTotal + " parked pulls (pullHoldMaxTotal)");
        };
    }

    private Target resolve(PullRequestHeader h) {
        if ((config.brokerPermission & TopicConfig.PERM_READ) == 0) {
            return Target.reject(ResponseCode.NO_PERMISSION, "the broker " + config.brokerName + " forbids pulling");
        }
        if (h.maxMsgNums() <= 0) {
            return Target.reject(ResponseCode.INVALID_PARAMETER, "maxMsgNums " + h.maxMsgNums() + " is not positive");
        }
        Optional<String> illegalGroup = GroupNameRule.check(h.consumerGroup());
        if (illegalGroup.isPresent()) {
            return Target.reject(ResponseCode.INVALID_PARAMETER, illegalGroup.get());
        }
        SubscriptionGroupConfig group = groups.findOrCreate(h.consumerGroup());
        if (group == null) {
            return Target.reject(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST,
                    "subscription group " + h.consumerGroup() + " does not exist");
        }
        if (!group.consumeEnable) {
            return Target.reject(ResponseCode.NO_PERMISSION,
                    "subscription group " + h.consumerGroup() + " may not consume");
        }
        TopicConfig topic = topics.find(h.topic());
        Target topicRefusal = checkTopic(h, topic);
        if (topicRefusal != null) {
            return topicRefusal;
        }
        Target subscribed = h.hasSubscription() ? fromRequest(h) : fromHeartbeat(h, group);
        if (subscribed.rejection() != null) {
            return subscribed;
        }
        return new Target(subscribed.filter(), topic.topicSysFlag, group.groupSysFlag, null);
    }

    /** Null when the topic and queue may be pulled, else the rejection. */
    private static Target checkTopic(PullRequestHeader h, TopicConfig topic) {
        if (topic == null) {
            return Target.reject(ResponseCode.TOPIC_NOT_EXIST, "topic " + ClientText.of(h.topic())
                    + " does not exist on this broker");
        }
        if (!topic.isReadable()) {
            return Target.reject(ResponseCode.NO_PERMISSION, "topic " + h.topic() + " forbids pulling");
        }
        if (h.queueId() < 0 || h.queueId() >= topic.readQueueNums) {
            return Target.reject(ResponseCode.INVALID_PARAMETER, "queueId " + h.queueId() + " is illegal: topic "
                    + h.topic() + " has " + topic.readQueueNums + " read queues");
        }
        return null;
    }

    /** The filter of a subscription sent with the pull (pull and lite-pull consumers). */
    private Target fromRequest(PullRequestHeader h) {
        Subscription subscription;
        try {
            subscription = Subscription.of(h.topic(), h.subscription(), h.expressionType(), h.subVersion());
        } catch (IllegalArgumentException e) {
            return Target.reject(ResponseCode.SUBSCRIPTION_PARSE_FAILED,
                    "cannot parse subscription '" + ClientText.of(h.subscription()) + "': " + e.getMessage());
        }
        return filterOf(subscription);
    }

    /** The filter of the group's subscription as its last heartbeat told (push consumers). */
    private Target fromHeartbeat(PullRequestHeader h, SubscriptionGroupConfig group) {
        ConsumerGroup consumers = clients.consumerGroup(h.consumerGroup());
        if (consumers == null) {
            return Target.reject(ResponseCode.SUBSCRIPTION_NOT_EXIST,
                    "consumer group " + h.consumerGroup() + " has not sent a heartbeat to this broker");
        }
        if (ConsumerData.BROADCASTING.equals(consumers.messageModel()) && !group.consumeBroadcastEnable) {
            return Target.reject(ResponseCode.NO_PERMISSION,
                    "subscription group " + h.consumerGroup() + " may not consume in broadcasting mode");
        }
        Subscription subscription = consumers.subscription(h.topic());
        if (subscription == null) {
            return Target.reject(ResponseCode.SUBSCRIPTION_NOT_EXIST,
                    "consumer group " + h.consumerGroup() + " has no subscription of topic " + h.topic());
        }
        if (subscription.subVersion() < h.subVersion()) {
            return Target.reject(ResponseCode.SUBSCRIPTION_NOT_LATEST, "subscription of group " + h.consumerGroup()
                    + " to " + h.topic() + " is older (" + subscription.subVersion() + ") than the pull's ("
                    + h.subVersion() + ")");
        }
        return filterOf(subscription);
    }

    private Target filterOf(Subscription subscription) {
        if (!subscription.isTagType()) {
            RemotingCommand rejection = checkPropertyFilter(subscription);
            if (rejection != null) {
                return new Target(null, 0, 0, rejection);
            }
        }
        return new Target(subscription.filter(), 0, 0, null);
    }

    /** Null when a non-TAG subscription may be served, else the rejection. */
    private RemotingCommand checkPropertyFilter(Subscription subscription) {
        if (!config.enablePropertyFilter) {
            return RemotingCommand.response(ResponseCode.SYSTEM_ERROR, "SQL92 filtering is disabled on this broker"
                    + " (enablePropertyFilter=false); cannot filter by " + ClientText.of(subscription.expressionType())
                    + " expression '" + ClientText.of(subscription.expression()) + "'");
        }
        if (subscription.filter() == null) {
            return RemotingCommand.response(ResponseCode.SUBSCRIPTION_PARSE_FAILED, "cannot parse "
                    + ClientText.of(subscription.expressionType()) + " subscription '"
                    + ClientText.of(subscription.expression()) + "' of topic "
                    + subscription.topic() + ": " + subscription.filterError());
        }
        return null;
    }

    /**
     * The answer to a pull of a queue whose offset an admin reset and the group has not taken up yet
     * (useServerSideResetOffset): PULL_OFFSET_MOVED with nextBeginOffset the reset offset, which the client adopts.
     * The pull's own commitOffset, from before the reset, is not applied.
     */
    private RemotingCommand offsetReset(PullRequestHeader h, Target target, long offset) {
        LOG.info("pull of {}:{} by group {} answered with the reset offset {}", h.topic(), h.queueId(),
                h.consumerGroup(), offset);
        return RemotingCommand.response(ResponseCode.PULL_OFFSET_MOVED, "OFFSET_RESET")
                .putExt("nextBeginOffset", offset)
                .putExt("minOffset", store.minOffsetInQueue(h.topic(), h.queueId()))
                .putExt("maxOffset", store.maxOffsetInQueue(h.topic(), h.queueId()))
                .putExt("suggestWhichBrokerId", 0L)
                .putExt("topicSysFlag", target.topicSysFlag())
                .putExt("groupSysFlag", target.groupSysFlag());
    }

    private static RemotingCommand toResponse(PullRequestHeader h, GetResult result, Target target,
                                              long suggestBrokerId) {
        GetStatus status = result.status();
        int code = switch (status) {
            case FOUND -> ResponseCode.SUCCESS;
            case NO_MATCHED_MESSAGE, MESSAGE_WAS_REMOVING -> ResponseCode.PULL_RETRY_IMMEDIATELY;
            case OFFSET_FOUND_NULL, OFFSET_OVERFLOW_ONE -> ResponseCode.PULL_NOT_FOUND;
            case OFFSET_OVERFLOW_BADLY, OFFSET_TOO_SMALL -> ResponseCode.PULL_OFFSET_MOVED;
            case NO_MESSAGE_IN_QUEUE, NO_MATCHED_LOGIC_QUEUE ->
                    h.queueOffset() == 0 ? ResponseCode.PULL_NOT_FOUND : ResponseCode.PULL_OFFSET_MOVED;
        };
        RemotingCommand response = RemotingCommand.response(code, status.name())
                .putExt("nextBeginOffset", result.nextBeginOffset())
                .putExt("minOffset", result.minOffset())
                .putExt("maxOffset", result.maxOffset())
                .putExt("suggestWhichBrokerId", suggestBrokerId)
                .putExt("topicSysFlag", target.topicSysFlag())
                .putExt("groupSysFlag", target.groupSysFlag());
        if (code == ResponseCode.SUCCESS) {
            response.bodyRegion(PullBody.of(result));
        } else {
            result.release();
        }
        return response;
    }
}
