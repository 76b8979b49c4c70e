package io.apogee.broker.client;

import io.apogee.broker.filter.SqlFilter;
import io.apogee.broker.filter.SqlSyntaxException;
import io.apogee.broker.subscription.Subscription;
import io.apogee.broker.subscription.SubscriptionGroupConfig;
import io.apogee.broker.subscription.SubscriptionGroupTable;
import io.apogee.broker.topic.GroupNameRule;
import io.apogee.broker.topic.TopicCreation;
import io.apogee.broker.topic.TopicTable;
import io.apogee.common.text.ClientText;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.CheckClientRequestBody;
import io.apogee.remoting.body.ConsumerData;
import io.apogee.remoting.body.ConsumerListBody;
import io.apogee.remoting.body.HeartbeatData;
import io.apogee.remoting.body.ProducerData;
import io.apogee.remoting.body.SubscriptionData;
import io.apogee.remoting.body.TopicConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HEART_BEAT (34), UNREGISTER_CLIENT (35), GET_CONSUMER_LIST_BY_GROUP (38) and CHECK_CLIENT_CONFIG (46).
 *
 * <p>HEART_BEAT registers the connection in each producer and consumer group of the {@link HeartbeatData}
 * body; for a consumer group it also auto-creates the subscription group (when enabled) and, for clustering
 * groups, the retry topic {@code %RETRY%<group>} (retryQueueNums queues, perm 6). A new retry topic is announced
 * to the name servers before the group is registered and the heartbeat answered (as Apache does): the
 * registration notifies the group's members, whose rebalance then finds the retry topic's route, so a first
 * retry is delivered at its delay rather than after the client's next 30 s route poll. It answers SUCCESS with
 * ext {@code IS_SUPPORT_HEART_BEAT_V2=true} and {@code IS_SUB_CHANGE}: true when this heartbeat changed a
 * group's subscribed topics, or when a V2 heartbeat without subscriptions ({@code withoutSub}) reached a
 * broker that does not know the group's subscriptions (so the client sends the full form next time).
 *
 * <p>A heartbeat is refused as a whole, registering and creating nothing, with INVALID_PARAMETER (29) naming the
 * problem when one of its consumer or producer groups breaks the {@link GroupNameRule} or when it names more than
 * {@value #MAX_GROUPS_PER_HEARTBEAT} groups. Both clients treat a failed heartbeat gracefully: they log it and try
 * again at the next heartbeat (docs/protocol/02-response-codes.md); since both validate group names themselves, a
 * real client never meets this answer. GET_CONSUMER_LIST_BY_GROUP with an illegal group answers 29 too.
 *
 * <p>CHECK_CLIENT_CONFIG (body {@link CheckClientRequestBody}) is how a consumer's {@code start()} validates a
 * non-TAG subscription: SUCCESS for TAG or a SQL92 expression that compiles; SYSTEM_ERROR (1) when property
 * filtering is disabled; SUBSCRIPTION_PARSE_FAILED (23) naming the expression and the error otherwise.
 *
 * <p>Thread-safe: stateless apart from the thread-safe tables it updates.
 */
public final class ClientManageProcessor implements RequestProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(ClientManageProcessor.class);
    private static final String RETRY_PREFIX = "%RETRY%";
    private static final int PERM_READ_WRITE = TopicConfig.PERM_READ | TopicConfig.PERM_WRITE;
    /**
     * Most consumer plus producer groups one heartbeat may register. A client instance heartbeats the groups of
     * the producers and consumers sharing its instance name — usually one or two plus {@code CLIENT_INNER_PRODUCER},
     * a few dozen in a large application that shares one instance; each consumer group may create a persisted
     * subscription group and a retry topic, so the work one request can cause is bounded here.
     */
    public static final int MAX_GROUPS_PER_HEARTBEAT = 1024;

    private final ClientTable clients;
    private final SubscriptionGroupTable groups;
    private final TopicTable topics;
    private final boolean propertyFilterEnabled;

    /** With SQL92 property filtering enabled. */
    public ClientManageProcessor(ClientTable clients, SubscriptionGroupTable groups, TopicTable topics) {
        this(clients, groups, topics, true);
    }

    /** @param propertyFilterEnabled the broker's {@code enablePropertyFilter} */
    public ClientManageProcessor(ClientTable clients, SubscriptionGroupTable groups, TopicTable topics,
                                 boolean propertyFilterEnabled) {
        this.clients = clients;
        this.groups = groups;
        this.topics = topics;
        this.propertyFilterEnabled = propertyFilterEnabled;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        return switch (request.code()) {
            case RequestCode.HEART_BEAT -> heartbeat(channel, request);
            case RequestCode.UNREGISTER_CLIENT -> unregister(channel, request);
            case RequestCode.GET_CONSUMER_LIST_BY_GROUP -> consumerList(request);
            case RequestCode.CHECK_CLIENT_CONFIG -> checkClientConfig(request);
            default -> RemotingCommand.response(ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    "client manage processor cannot handle request code " + request.code());
        };
    }

    private RemotingCommand heartbeat(RemoteChannel channel, RemotingCommand request) {
        HeartbeatData data = JsonCodec.decode(request.body(), HeartbeatData.class);
        if (data.clientID == null || data.clientID.isBlank()) {
            return RemotingCommand.response(ResponseCode.SYSTEM_ERROR,
                    "heartbeat without clientID from " + channel.remoteAddress());
        }
        Optional<String> illegal = checkGroups(data);
        if (illegal.isPresent()) {
            LOG.debug("heartbeat of client {} from {} refused: {}", ClientText.of(data.clientID),
                    channel.remoteAddress(), illegal.get());
            return RemotingCommand.response(ResponseCode.INVALID_PARAMETER, "heartbeat of client "
                    + ClientText.of(data.clientID) + " refused: " + illegal.get());
        }
        CompletableFuture<Void> retryTopics = createRetryTopics(data);
        if (retryTopics.isDone()) {
            return register(channel, request, data);
        }
        // The group is registered (which notifies its members, who then rebalance and look up the retry topic's
        // route on demand) and the heartbeat answered only once the new retry topic is known to the name servers;
        // a retry topic that could not be written is logged, and the group registered anyway (it can consume).
        retryTopics.whenComplete((v, error) -> {
            if (error != null) {
                LOG.warn("client {}: creating a retry topic failed: {}", ClientText.of(data.clientID),
                        error.toString());
            }
            channel.reply(request, register(channel, request, data));
        });
        return null;
    }

    /** Empty when the heartbeat's groups are few enough and all legal, else why not. */
    static Optional<String> checkGroups(HeartbeatData data) {
        List<String> names = new ArrayList<>();
        if (data.consumerDataSet != null) {
            data.consumerDataSet.stream().filter(c -> c != null).forEach(c -> names.add(c.groupName));
        }
        if (data.producerDataSet != null) {
            data.producerDataSet.stream().filter(p -> p != null).forEach(p -> names.add(p.groupName));
        }
        if (names.size() > MAX_GROUPS_PER_HEARTBEAT) {
            return Optional.of("it names " + names.size() + " groups, more than the allowed "
                    + MAX_GROUPS_PER_HEARTBEAT);
        }
        for (String name : names) {
            Optional<String> illegal = GroupNameRule.check(name);
            if (illegal.isPresent()) {
                return illegal;
            }
        }
        return Optional.empty();
    }

    /** Creates the subscription groups and the retry topics of clustering groups; completes once they are ready. */
    private CompletableFuture<Void> createRetryTopics(HeartbeatData data) {
        if (data.consumerDataSet == null) {
            return CompletableFuture.completedFuture(null);
        }
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (ConsumerData consumer : data.consumerDataSet) {
            if (consumer == null) {
                continue;
            }
            SubscriptionGroupConfig config = groups.findOrCreate(consumer.groupName);
            if (config != null && ConsumerData.CLUSTERING.equals(consumer.messageModel)) {
                TopicCreation retry = topics.createOrGet(RETRY_PREFIX + consumer.groupName, config.retryQueueNums,
                        PERM_READ_WRITE, 0);
                if (!retry.ready().isDone()) {
                    pending.add(retry.ready());
                }
            }
        }
        return CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0]));
    }

    private RemotingCommand register(RemoteChannel channel, RemotingCommand request, HeartbeatData data) {
        long now = System.currentTimeMillis();
        ClientConnection member =
                new ClientConnection(data.clientID, channel, request.language(), request.version(), now);
        boolean subChanged = false;
        if (data.consumerDataSet != null) {
            for (ConsumerData consumer : data.consumerDataSet) {
                subChanged |= registerConsumer(consumer, member, data.withoutSub, now);
            }
        }
        if (data.producerDataSet != null) {
            for (ProducerData producer : data.producerDataSet) {
                if (producer != null) {
                    clients.registerProducer(producer.groupName, member, now);
                }
            }
        }
        return RemotingCommand.success()
                .putExt("IS_SUPPORT_HEART_BEAT_V2", true)
                .putExt("IS_SUB_CHANGE", subChanged);
    }

    private boolean registerConsumer(ConsumerData consumer, ClientConnection member, boolean withoutSub, long now) {
        if (consumer == null) {
            return false;
        }
        String group = consumer.groupName;
        List<Subscription> subscriptions = withoutSub ? null : subscriptions(group, consumer.subscriptionDataSet);
        boolean changed = clients.registerConsumer(group, consumer.consumeType, consumer.messageModel,
                consumer.consumeFromWhere, member, subscriptions, now);
        if (withoutSub) {
            ConsumerGroup known = clients.consumerGroup(group);
            return known == null || known.subscriptions().isEmpty();
        }
        return changed;
    }

    private static List<Subscription> subscriptions(String group, List<SubscriptionData> data) {
        List<Subscription> out = new ArrayList<>();
        if (data == null) {
            return out;
        }
        for (SubscriptionData sub : data) {
            if (sub == null || sub.topic == null) {
                continue;
            }
            try {
                out.add(Subscription.of(sub));
            } catch (IllegalArgumentException e) {
                LOG.warn("group {}: ignoring subscription of {}: {}", group, ClientText.of(sub.topic),
                        e.getMessage());
            }
        }
        return out;
    }

    private RemotingCommand checkClientConfig(RemotingCommand request) {
        CheckClientRequestBody body = JsonCodec.decode(request.body(), CheckClientRequestBody.class);
        SubscriptionData sub = body.subscriptionData;
        if (sub == null || sub.expressionType == null
                || SubscriptionData.EXPRESSION_TAG.equalsIgnoreCase(sub.expressionType)) {
            return RemotingCommand.success();
        }
        if (!propertyFilterEnabled) {
            return RemotingCommand.response(ResponseCode.SYSTEM_ERROR, "the broker does not support filtering by "
                    + ClientText.of(sub.expressionType) + ": SQL92 filtering is disabled (enablePropertyFilter=false)");
        }
        if (!SubscriptionData.EXPRESSION_SQL92.equalsIgnoreCase(sub.expressionType)) {
            return RemotingCommand.response(ResponseCode.SUBSCRIPTION_PARSE_FAILED, "unknown expressionType "
                    + ClientText.of(sub.expressionType) + " in subscription of group " + ClientText.of(body.group)
                    + " to " + ClientText.of(sub.topic));
        }
        try {
            SqlFilter.compile(sub.subString);
            return RemotingCommand.success();
        } catch (SqlSyntaxException e) {
            return RemotingCommand.response(ResponseCode.SUBSCRIPTION_PARSE_FAILED, "cannot parse SQL92 expression '"
                    + ClientText.of(sub.subString) + "' of group " + ClientText.of(body.group) + " on topic "
                    + ClientText.of(sub.topic) + ": " + e.getMessage());
        }
    }

    private RemotingCommand unregister(RemoteChannel channel, RemotingCommand request) {
        request.requireExt("clientID");
        String producerGroup = request.ext("producerGroup");
        String consumerGroup = request.ext("consumerGroup");
        if (producerGroup != null && !producerGroup.isEmpty()) {
            clients.unregisterProducer(producerGroup, channel.remoteAddress());
        }
        if (consumerGroup != null && !consumerGroup.isEmpty()) {
            clients.unregisterConsumer(consumerGroup, channel.remoteAddress());
        }
        return RemotingCommand.success();
    }

    private RemotingCommand consumerList(RemotingCommand request) {
        String group = request.requireExt("consumerGroup");
        Optional<String> illegal = GroupNameRule.check(group);
        if (illegal.isPresent()) {
            return RemotingCommand.response(ResponseCode.INVALID_PARAMETER, illegal.get());
        }
        ConsumerGroup consumers = clients.consumerGroup(group);
        List<String> ids = consumers == null ? List.of() : consumers.clientIds();
        if (ids.isEmpty()) {
            return RemotingCommand.response(ResponseCode.SYSTEM_ERROR, "no consumer for this group, " + group);
        }
        return RemotingCommand.success().body(JsonCodec.encode(new ConsumerListBody(ids)));
    }
}
