package io.apogee.tools.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.body.ConsumeStats;
import io.apogee.remoting.body.ConsumerConnection;
import io.apogee.remoting.body.GroupList;
import io.apogee.remoting.body.MessageQueueBody;
import io.apogee.remoting.body.MessageRequestMode;
import io.apogee.remoting.body.OffsetWrapper;
import io.apogee.remoting.body.ProducerConnection;
import io.apogee.remoting.body.QueryConsumeTimeSpanBody;
import io.apogee.remoting.body.SetMessageRequestModeRequestBody;
import io.apogee.remoting.body.SubscriptionGroupWrapper;
import java.util.Map;
import java.util.TreeMap;

/**
 * The consumer- and producer-group calls, each sent to one broker address (find it with
 * {@link AdminClient#route} of {@code %RETRY%<group>} and {@link BrokerLocator}, docs/protocol/06-admin.md):
 * connections (203/204), consume stats (208), subscription groups (200/201/207), offset reset (222) and clone (314),
 * running info (307), client offsets (223), who consumes a topic (300), consume time span (303) and the request
 * mode of 5.x consumers (401). Obtained from
 * {@link AdminClient#groups()}.
 *
 * <p>Thread-safe: immutable.
 */
public final class GroupOperations {

    /** The prefix of a group's retry topic, whose route locates the group's brokers. */
    public static final String RETRY_PREFIX = "%RETRY%";
    private final Invoker invoker;

    GroupOperations(Invoker invoker) {
        this.invoker = invoker;
    }

    /** GET_CONSUMER_CONNECTION_LIST (203); no live consumer is code 206. */
    public ConsumerConnection consumerConnection(String addr, String group) throws AdminException {
        return Invoker.body(invoker.call(addr, RemotingCommand.request(RequestCode.GET_CONSUMER_CONNECTION_LIST)
                .putExt("consumerGroup", group)), ConsumerConnection.class);
    }

    /** GET_PRODUCER_CONNECTION_LIST (204). */
    public ProducerConnection producerConnection(String addr, String group) throws AdminException {
        return Invoker.body(invoker.call(addr, RemotingCommand.request(RequestCode.GET_PRODUCER_CONNECTION_LIST)
                .putExt("producerGroup", group)), ProducerConnection.class);
    }

    /** GET_CONSUME_STATS (208) of {@code group} on one broker; {@code topic} null for all its topics. */
    public ConsumeStats consumeStats(String addr, String group, String topic) throws AdminException {
        RemotingCommand response = invoker.call(addr, RemotingCommand.request(RequestCode.GET_CONSUME_STATS)
                .putExt("consumerGroup", group).putExt("topic", topic));
        JsonNode tree = QueueKeyedJson.tree(response.body());
        ConsumeStats stats = new ConsumeStats();
        stats.offsetTable.putAll(QueueKeyedJson.queueMap(tree.get("offsetTable"), OffsetWrapper.class));
        stats.consumeTps = tree.path("consumeTps").asDouble();
        return stats;
    }

    /**
     * UPDATE_AND_CREATE_SUBSCRIPTIONGROUP (200): {@code config} is the SubscriptionGroupConfig JSON object
     * ({@code groupName, consumeEnable, consumeFromMinEnable, consumeBroadcastEnable, retryQueueNums,
     * retryMaxTimes, brokerId, whichBrokerWhenConsumeSlowly, notifyConsumerIdsChangedEnable}).
     */
    public void createOrUpdateSubscriptionGroup(String addr, Map<String, Object> config) throws AdminException {
        invoker.call(addr, RemotingCommand.request(RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP)
                .body(JsonCodec.encode(config)));
    }

    /**
     * SET_MESSAGE_REQUEST_MODE (401): 5.x push consumers of {@code group} with {@code clientRebalance=false} pull or
     * pop {@code topic} on that broker; {@code popShareQueueNum} (POP) also pops the queues of the next N clients
     * (0: every queue). Refused for retry topics (16), a topic the broker lacks (17), an unknown group (26).
     */
    public void setMessageRequestMode(String addr, String topic, String group, MessageRequestMode mode,
                                      int popShareQueueNum) throws AdminException {
        invoker.call(addr, RemotingCommand.request(RequestCode.SET_MESSAGE_REQUEST_MODE).body(JsonCodec.encode(
                new SetMessageRequestModeRequestBody(topic, group, mode, popShareQueueNum))));
    }

    /** GET_ALL_SUBSCRIPTIONGROUP_CONFIG (201). */
    public SubscriptionGroupWrapper allSubscriptionGroups(String addr) throws AdminException {
        return Invoker.body(invoker.call(addr, RemotingCommand.request(
                RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG)), SubscriptionGroupWrapper.class);
    }

    /** DELETE_SUBSCRIPTIONGROUP (207); {@code cleanOffset} also drops its committed offsets. */
    public void deleteSubscriptionGroup(String addr, String group, boolean cleanOffset) throws AdminException {
        invoker.call(addr, RemotingCommand.request(RequestCode.DELETE_SUBSCRIPTIONGROUP).putExt("groupName", group)
                .putExt("cleanOffset", cleanOffset));
    }

    /**
     * INVOKE_BROKER_TO_RESET_OFFSET (222) by timestamp ({@code -1} = to the end) on one broker: the new offset of
     * each queue.
     */
    public Map<MessageQueueBody, Long> resetOffsetByTimestamp(String addr, String topic, String group,
                                                             long timestamp, boolean force) throws AdminException {
        RemotingCommand response = invoker.call(addr, RemotingCommand.request(
                RequestCode.INVOKE_BROKER_TO_RESET_OFFSET).putExt("topic", topic).putExt("group", group)
                .putExt("timestamp", timestamp).putExt("isForce", force).putExt("queueId", -1).putExt("offset", -1));
        return QueueKeyedJson.queueMap(QueueKeyedJson.tree(response.body()).get("offsetTable"), Long.class);
    }

    /** CLONE_GROUP_OFFSET (314): copy {@code source}'s committed offsets of {@code topic} to {@code target}. */
    public void cloneGroupOffset(String addr, String source, String target, String topic, boolean offline)
            throws AdminException {
        invoker.call(addr, RemotingCommand.request(RequestCode.CLONE_GROUP_OFFSET).putExt("srcGroup", source)
                .putExt("destGroup", target).putExt("topic", topic).putExt("offline", offline));
    }

    /**
     * SKIP_POISON_MESSAGE (800001, Apogee brokers only; others answer 3): the broker at {@code addr} moves the
     * message at {@code group}'s committed offset of the queue to the group's DLQ and advances the offset past it.
     *
     * @param expectedOffset the offset to skip, checked against the committed one; -1 = whatever is committed
     */
    public SkippedMessage skipPoisonMessage(String addr, String group, String topic, int queueId,
                                            long expectedOffset) throws AdminException {
        RemotingCommand response = invoker.call(addr, RemotingCommand.request(RequestCode.SKIP_POISON_MESSAGE)
                .putExt("consumerGroup", group).putExt("topic", topic).putExt("queueId", queueId)
                .putExt("offset", expectedOffset));
        return new SkippedMessage(response.ext("msgId"), response.ext("offsetMsgId"),
                Invoker.longHeader(response, "queueOffset"), Invoker.longHeader(response, "nextOffset"),
                response.ext("dlqTopic"), response.ext("dlqOffsetMsgId"), Invoker.longHeader(response, "clientsTold"));
    }

    /** GET_CONSUMER_RUNNING_INFO (307), relayed by the broker to client {@code clientId}: its JSON, as a tree. */
    public JsonNode consumerRunningInfo(String addr, String group, String clientId, boolean jstack)
            throws AdminException {
        RemotingCommand response = invoker.call(addr, RemotingCommand.request(RequestCode.GET_CONSUMER_RUNNING_INFO)
                .putExt("consumerGroup", group).putExt("clientId", clientId).putExt("jstackEnable", jstack));
        return QueueKeyedJson.tree(response.body());
    }

    /**
     * CONSUME_MESSAGE_DIRECTLY (309) to the broker at {@code addr}, which stored the message {@code offsetMsgId} and
     * relays it to client {@code clientId} of {@code group}: the client's ConsumeMessageDirectlyResult JSON.
     */
    public JsonNode consumeMessageDirectly(String addr, String group, String clientId, String topic,
                                           String offsetMsgId) throws AdminException {
        RemotingCommand response = invoker.call(addr, RemotingCommand.request(RequestCode.CONSUME_MESSAGE_DIRECTLY)
                .putExt("consumerGroup", group).putExt("clientId", clientId).putExt("msgId", offsetMsgId)
                .putExt("topic", topic));
        return QueueKeyedJson.tree(response.body());
    }

    /**
     * INVOKE_BROKER_TO_GET_CONSUMER_STATUS (223): the broker asks the group's clients (221) for their offsets of
     * {@code topic}; client id → queue → offset ({@code clientAddr} empty for every client).
     */
    public Map<String, Map<MessageQueueBody, Long>> consumerStatus(String addr, String topic, String group,
                                                                   String clientAddr) throws AdminException {
        RemotingCommand response = invoker.call(addr, RemotingCommand.request(
                RequestCode.INVOKE_BROKER_TO_GET_CONSUMER_STATUS).putExt("topic", topic).putExt("group", group)
                .putExt("clientAddr", clientAddr));
        Map<String, Map<MessageQueueBody, Long>> table = new TreeMap<>();
        JsonNode clients = QueueKeyedJson.tree(response.body()).path("consumerTable");
        for (Map.Entry<String, JsonNode> client : clients.properties()) {
            table.put(client.getKey(), QueueKeyedJson.queueMap(client.getValue(), Long.class));
        }
        return table;
    }

    /** QUERY_TOPIC_CONSUME_BY_WHO (300): the groups that consume {@code topic} on one broker. */
    public GroupList consumersOfTopic(String addr, String topic) throws AdminException {
        return Invoker.body(invoker.call(addr, RemotingCommand.request(RequestCode.QUERY_TOPIC_CONSUME_BY_WHO)
                .putExt("topic", topic)), GroupList.class);
    }

    /** QUERY_CONSUME_TIME_SPAN (303). */
    public QueryConsumeTimeSpanBody consumeTimeSpan(String addr, String topic, String group) throws AdminException {
        return Invoker.body(invoker.call(addr, RemotingCommand.request(RequestCode.QUERY_CONSUME_TIME_SPAN)
                .putExt("topic", topic).putExt("group", group)), QueryConsumeTimeSpanBody.class);
    }
}
