package io.apogee.broker.assignment;

import io.apogee.broker.client.ClientTable;
import io.apogee.broker.client.ConsumerGroup;
import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.subscription.SubscriptionGroupTable;
import io.apogee.broker.topic.GroupNameRule;
import io.apogee.broker.topic.SystemTopics;
import io.apogee.broker.topic.TopicTable;
import io.apogee.common.text.ClientText;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.MessageQueueBody;
import io.apogee.remoting.body.QueryAssignmentRequestBody;
import io.apogee.remoting.body.QueryAssignmentResponseBody;
import io.apogee.remoting.body.QueryAssignmentResponseBody.MessageQueueAssignment;
import io.apogee.remoting.body.SetMessageRequestModeRequestBody;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Broker-side queue assignment of 5.x push consumers with {@code clientRebalance=false}
 * (docs/protocol/16-timers-trace-reply-pop.md §4, as Apache RocketMQ 5.4.0's {@code QueryAssignmentProcessor}):
 * <ul>
 *   <li>QUERY_ASSIGNMENT (400), body {@link QueryAssignmentRequestBody}: the client's queues of the topic over every
 *       broker of its route ({@link TopicQueues}) with the topic's mode for the group ({@link MessageRequestModes}):
 *       BROADCASTING gets every queue; CLUSTERING the share of {@link QueueAssignment} among the group's live
 *       clients (sorted ids) by the client's strategy, or every queue when {@code serverLoadBalancerEnable} is
 *       false. Always SUCCESS; no {@code messageQueueAssignments} (the client keeps its queues) for a topic without
 *       route, a group without live clients or an unknown strategy.</li>
 *   <li>SET_MESSAGE_REQUEST_MODE (401), body {@link SetMessageRequestModeRequestBody}: stores the mode, answered
 *       once {@code messageRequestMode.json} holds it. Refusals, as Apache: a retry topic → NO_PERMISSION
 *       "retry topic is not allowed to set mode"; a topic this broker does not have → TOPIC_NOT_EXIST
 *       "topic[T] not exist"; a group this broker does not have and may not create (auto-creation off, or an illegal
 *       name) → SUBSCRIPTION_GROUP_NOT_EXIST "subscription group does not exist" — with
 *       {@code autoCreateSubscriptionGroup} on (the default) an unknown group is created, as Apache's look-up
 *       does.</li>
 *   <li>GET_ALL_MESSAGE_REQUEST_MODE (402, what a slave copies): the whole table as
 *       {@code messageRequestMode.json} holds it.</li>
 * </ul>
 * A malformed body or a missing topic or message model is INVALID_PARAMETER (Apache: SYSTEM_ERROR from its
 * parser). QUERY_ASSIGNMENT runs on the assignment executor and answers when the route is known (without blocking:
 * the route request is asynchronous); SET_MESSAGE_REQUEST_MODE answers from the metadata writer thread.
 *
 * <p>Thread-safe: stateless apart from the thread-safe tables.
 */
final class AssignmentProcessor implements RequestProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(AssignmentProcessor.class);
    private static final String CLUSTERING = "CLUSTERING";
    private static final String BROADCASTING = "BROADCASTING";

    /** What the processor reads. */
    record Parts(MessageRequestModes modes, TopicQueues queues, ClientTable clients, TopicTable topics,
                 SubscriptionGroupTable groups, BrokerConfig config, Executor executor) {
    }

    private final Parts parts;

    AssignmentProcessor(Parts parts) {
        this.parts = parts;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        return switch (request.code()) {
            case RequestCode.QUERY_ASSIGNMENT -> query(channel, request);
            case RequestCode.SET_MESSAGE_REQUEST_MODE -> set(channel, request);
            case RequestCode.GET_ALL_MESSAGE_REQUEST_MODE -> RemotingCommand.success().body(parts.modes().encode());
            default -> RemotingCommand.response(ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    "assignment processor cannot handle request code " + request.code());
        };
    }

    private RemotingCommand query(RemoteChannel channel, RemotingCommand request) {
        QueryAssignmentRequestBody body;
        try {
            body = JsonCodec.decode(request.body(), QueryAssignmentRequestBody.class);
        } catch (IllegalArgumentException e) {
            return RemotingCommand.response(ResponseCode.INVALID_PARAMETER, e.getMessage());
        }
        if (body.topic == null || !(CLUSTERING.equals(body.messageModel) || BROADCASTING.equals(body.messageModel))) {
            return RemotingCommand.response(ResponseCode.INVALID_PARAMETER, "QUERY_ASSIGNMENT needs a topic and "
                    + "messageModel CLUSTERING or BROADCASTING, got topic " + ClientText.of(body.topic)
                    + ", messageModel " + ClientText.of(body.messageModel));
        }
        RequestMode mode = parts.modes().mode(body.topic, body.consumerGroup);
        Function<List<MessageQueueBody>, Set<MessageQueueBody>> assign = queues -> queues == null ? null
                : BROADCASTING.equals(body.messageModel) ? QueueAssignment.all(queues) : clustering(body, mode, queues);
        CompletableFuture<List<MessageQueueBody>> route = parts.queues().of(body.topic);
        CompletableFuture<Set<MessageQueueBody>> assigned = route.isDone() ? route.thenApply(assign)
                : route.thenApplyAsync(assign, parts.executor());
        assigned.whenComplete((queues, error) -> {
            if (error != null) {
                LOG.warn("QUERY_ASSIGNMENT of topic {} group {} failed", ClientText.of(body.topic),
                        ClientText.of(body.consumerGroup), error);
                channel.reply(request, RemotingCommand.response(ResponseCode.SYSTEM_ERROR, String.valueOf(error)));
            } else {
                channel.reply(request, RemotingCommand.success().body(JsonCodec.encode(answer(queues, mode))));
            }
        });
        return null;
    }

    private Set<MessageQueueBody> clustering(QueryAssignmentRequestBody body, RequestMode mode,
                                             List<MessageQueueBody> queues) {
        if (!parts.config().serverLoadBalancerEnable) {
            return QueueAssignment.all(queues);
        }
        ConsumerGroup group = body.consumerGroup == null ? null : parts.clients().consumerGroup(body.consumerGroup);
        if (group == null) {
            LOG.warn("QUERY_ASSIGNMENT of topic {}: group {} has no live client, no assignment",
                    ClientText.of(body.topic), ClientText.of(body.consumerGroup));
            return null;
        }
        Optional<AllocationStrategy> strategy = AllocationStrategy.named(body.strategyName);
        if (strategy.isEmpty()) {
            LOG.warn("QUERY_ASSIGNMENT of group {}: unsupported strategy {}, no assignment",
                    ClientText.of(body.consumerGroup), ClientText.of(body.strategyName));
            return null;
        }
        List<String> clients = group.clientIds();
        return mode.isPop()
                ? QueueAssignment.forPop(strategy.get(), body.clientId, queues, clients, mode.popShareQueueNum())
                : QueueAssignment.forPull(strategy.get(), body.clientId, queues, clients);
    }

    private static QueryAssignmentResponseBody answer(Set<MessageQueueBody> queues, RequestMode mode) {
        QueryAssignmentResponseBody answer = new QueryAssignmentResponseBody();
        if (queues != null) {
            answer.messageQueueAssignments = new ArrayList<>(queues.size());
            for (MessageQueueBody q : queues) {
                answer.messageQueueAssignments.add(new MessageQueueAssignment(q, mode.mode()));
            }
        }
        return answer;
    }

    private RemotingCommand set(RemoteChannel channel, RemotingCommand request) {
        SetMessageRequestModeRequestBody body;
        try {
            body = JsonCodec.decode(request.body(), SetMessageRequestModeRequestBody.class);
        } catch (IllegalArgumentException e) {
            return RemotingCommand.response(ResponseCode.INVALID_PARAMETER, e.getMessage());
        }
        if (body.topic != null && SystemTopics.isRetry(body.topic)) {
            return RemotingCommand.response(ResponseCode.NO_PERMISSION, "retry topic is not allowed to set mode");
        }
        if (body.topic == null || parts.topics().find(body.topic) == null) {
            return RemotingCommand.response(ResponseCode.TOPIC_NOT_EXIST,
                    "topic[" + ClientText.of(body.topic) + "] not exist");
        }
        String group = body.consumerGroup;
        if (group == null || GroupNameRule.check(group).isPresent() || parts.groups().findOrCreate(group) == null) {
            return RemotingCommand.response(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST,
                    "subscription group does not exist");
        }
        LOG.info("request mode of topic {} for group {} set to {} (popShareQueueNum {}) by {}",
                ClientText.of(body.topic), ClientText.of(group), body.mode, body.popShareQueueNum,
                channel.remoteAddress());
        parts.modes().set(body.topic, group, body.mode, body.popShareQueueNum).whenComplete((v, error) ->
                channel.reply(request, error == null ? RemotingCommand.success()
                        : RemotingCommand.response(ResponseCode.SYSTEM_ERROR, "request mode of topic "
                        + ClientText.of(body.topic) + " is applied but not durable: " + error.getMessage())));
        return null;
    }
}
