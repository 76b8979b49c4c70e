package io.apogee.broker.pull;

import io.apogee.broker.client.ClientTable;
import io.apogee.broker.client.ConsumerGroup;
import io.apogee.broker.client.RetryQueueWatch;
import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.offset.ConsumerOffsetTable;
import io.apogee.broker.subscription.Subscription;
import io.apogee.broker.subscription.SubscriptionGroupConfig;
import io.apogee.broker.subscription.SubscriptionGroupTable;
import io.apogee.broker.topic.TopicTable;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PULL_MESSAGE (11) and LITE_PULL_MESSAGE (361), following docs/protocol/05-consumer.md §7.
 *
 * <p>Checks, first failure wins: broker readable (16), group known or auto-created (26), group may consume
 * (16), topic known (17), topic readable (16), queueId within readQueueNums (29), subscription: from the
 * request when sysFlag 0x4 is set (bad TAG expression 23), else from the group's last heartbeat (no group
 * or topic 24, older subVersion 25, broadcast disabled 16). A SQL92 expression answers 1 when
 * {@code enablePropertyFilter} is off and 23 when it does not compile (or the type is unknown); otherwise its
 * {@link io.apogee.broker.filter.SqlFilter} passes every consume-queue unit and selects records by their
 * properties (so an answer may be 20, NO_MATCHED_MESSAGE, when a scanned range has no match).
 *
 * <p>Store outcome to response: FOUND 0 (records as body) · NO_MATCHED_MESSAGE, MESSAGE_WAS_REMOVING 20 ·
 * OFFSET_FOUND_NULL, OFFSET_OVERFLOW_ONE 19 · OFFSET_OVERFLOW_BADLY, OFFSET_TOO_SMALL 21 ·
 * NO_MESSAGE_IN_QUEUE, NO_MATCHED_LOGIC_QUEUE 19 at offset 0, else 21. Every answer carries ext
 * nextBeginOffset, minOffset, maxOffset, suggestWhichBrokerId=0, topicSysFlag, groupSysFlag; the remark is
 * the store status name. A 19 with sysFlag 0x2 is not answered but parked in the
 * {@link PullRequestHoldService} (for suspendTimeoutMillis, or shortPollingTimeMills without long polling)
 * and re-run once when woken. With sysFlag 0x1 a master stores {@code commitOffset} on first processing.
 *
 * <p>Thread-safe: stateless apart from the thread-safe tables, store and hold service.
 */
public final class PullMessageProcessor implements RequestProcessor, HeldPull.PullReplay {

    /** Upper bound of one answer's body, as Apache's in-memory transfer limit. */
    static final int MAX_BODY_BYTES = 256 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(PullMessageProcessor.class);

    private final BrokerConfig config;
    private final MessageStore store;
    private final TopicTable topics;
    private final SubscriptionGroupTable groups;
    private final ClientTable clients;
    private final ConsumerOffsetTable offsets;
    private final PullRequestHoldService holdService;
    private final RetryQueueWatch retryWatch;

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
        this.topics = topics;
        this.groups = groups;
        this.clients = clients;
        this.offsets = offsets;
        this.holdService = holdService;
        this.retryWatch = retryWatch;
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
        int maxBytes = Math.min(header.maxMsgBytes(), MAX_BODY_BYTES);
        GetResult result = store.get(header.topic(), header.queueId(), header.queueOffset(), header.maxMsgNums(),
                maxBytes, target.filter());
        RemotingCommand response = toResponse(header, result, target);
        if (firstRun) {
            retryWatch.pulled(header.consumerGroup(), header.topic());
        }
        if (firstRun && header.hasCommitOffset() && config.brokerId == 0) {
            offsets.commit(header.consumerGroup(), header.topic(), header.queueId(), header.commitOffset());
        }
        if (firstRun && response.code() == ResponseCode.PULL_NOT_FOUND && header.hasSuspend()) {
            long waitMillis = config.longPollingEnable ? header.suspendTimeoutMillis() : config.shortPollingTimeMills;
            holdService.hold(new HeldPull(channel, request, header.topic(), header.queueId(), header.queueOffset(),
                    System.currentTimeMillis() + waitMillis, target.filter(), config.longPollingEnable, this));
            return null;
        }
        return response;
    }

    private Target resolve(PullRequestHeader h) {
        if ((config.brokerPermission & TopicConfig.PERM_READ) == 0) {
            return Target.reject(ResponseCode.NO_PERMISSION, "the broker " + config.brokerName + " forbids pulling");
        }
        if (h.maxMsgNums() <= 0) {
            return Target.reject(ResponseCode.INVALID_PARAMETER, "maxMsgNums " + h.maxMsgNums() + " is not positive");
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
            return Target.reject(ResponseCode.TOPIC_NOT_EXIST, "topic " + h.topic() + " does not exist on this broker");
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
                    "cannot parse subscription '" + h.subscription() + "': " + e.getMessage());
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
                    + " (enablePropertyFilter=false); cannot filter by " + subscription.expressionType()
                    + " expression '" + subscription.expression() + "'");
        }
        if (subscription.filter() == null) {
            return RemotingCommand.response(ResponseCode.SUBSCRIPTION_PARSE_FAILED, "cannot parse "
                    + subscription.expressionType() + " subscription '" + subscription.expression() + "' of topic "
                    + subscription.topic() + ": " + subscription.filterError());
        }
        return null;
    }

    private static RemotingCommand toResponse(PullRequestHeader h, GetResult result, Target target) {
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
                .putExt("suggestWhichBrokerId", 0)
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
