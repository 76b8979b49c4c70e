package io.apogee.tools.admin;

import io.apogee.common.message.OffsetMsgId;
import io.apogee.remoting.RemotingClient;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.ConsumeStats;
import io.apogee.remoting.body.MessageQueueBody;
import io.apogee.remoting.body.ClusterInfo;
import io.apogee.remoting.body.KeyValueTable;
import io.apogee.remoting.body.TopicConfig;
import io.apogee.remoting.body.TopicConfigSerializeWrapper;
import io.apogee.remoting.body.TopicList;
import io.apogee.remoting.body.TopicRouteData;
import io.apogee.remoting.body.TopicStatsTable;
import io.apogee.tools.message.MessageRecord;
import io.apogee.tools.message.TraceRecord;
import io.apogee.tools.message.TraceRecordDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A typed client of RocketMQ's admin protocol over {@link RemotingClient}: one method per request, each returning
 * the decoded answer (the body classes of io.apogee.remoting.body, or plain values) and failing with one
 * {@link AdminException} carrying the response code and remark. It speaks only the protocol, so it works against
 * Apogee and Apache RocketMQ alike; brokers are located as DefaultMQAdminExt locates them ({@link BrokerLocator},
 * docs/protocol/06-admin.md). Name-server calls go to the first name server that answers; broker calls take the
 * broker's address. Message calls are in {@link #messages()}, consumer-group calls in {@link #groups()}, statistics in
 * {@link #stats()}.
 *
 * <p>Holds no state beyond its connections: thread-safe, as the remoting client is. Close it to close them (only
 * when it created the remoting client).
 */
public final class AdminClient implements AutoCloseable {

    /** How far back a UNIQ_KEY query looks (5.4.0's admin: 3 days). */
    private static final long UNIQ_KEY_WINDOW_MILLIS = 3L * 24 * 3600 * 1000;

    /** Apache's admin timeout per call. */
    public static final long DEFAULT_TIMEOUT_MILLIS = 5_000;

    private final RemotingClient client;
    private final boolean ownsClient;
    private final Invoker invoker;
    private final MessageOperations messages;
    private final GroupOperations groups;
    private final StatsOperations stats;

    /**
     * A client with its own connections to {@code namesrvAddrs} and the brokers they name. It accepts (and ignores)
     * the NOTIFY_CONSUMER_IDS_CHANGED (40) notices a broker sends to a connection that heartbeated a consumer group.
     */
    public AdminClient(List<String> namesrvAddrs, long timeoutMillis) {
        this(new RemotingClient("apogee-admin"), true, namesrvAddrs, timeoutMillis);
        client.registerProcessor(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED, (channel, request) -> null, Runnable::run);
    }

    /** A client sharing {@code client}'s connections (closing this one leaves {@code client} open). */
    public AdminClient(RemotingClient client, List<String> namesrvAddrs, long timeoutMillis) {
        this(client, false, namesrvAddrs, timeoutMillis);
    }

    private AdminClient(RemotingClient client, boolean ownsClient, List<String> namesrvAddrs, long timeoutMillis) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.invoker = new Invoker(client, namesrvAddrs, timeoutMillis);
        this.messages = new MessageOperations(invoker);
        this.groups = new GroupOperations(invoker);
        this.stats = new StatsOperations(invoker);
    }

    /** Send, pull, offsets and message lookups. */
    public MessageOperations messages() {
        return messages;
    }

    /** Consumer and producer groups: connections, progress, subscription groups, offsets. */
    public GroupOperations groups() {
        return groups;
    }

    /** Topic and broker statistics. */
    public StatsOperations stats() {
        return stats;
    }

    public List<String> namesrvAddrs() {
        return invoker.namesrvAddrs();
    }

    // ---- name server ----

    /** GET_BROKER_CLUSTER_INFO (106). */
    public ClusterInfo clusterInfo() throws AdminException {
        return Invoker.body(invoker.namesrv(RemotingCommand.request(RequestCode.GET_BROKER_CLUSTER_INFO)),
                ClusterInfo.class);
    }

    /** GET_ALL_TOPIC_LIST_FROM_NAMESERVER (206). */
    public TopicList topicList() throws AdminException {
        return Invoker.body(invoker.namesrv(RemotingCommand.request(RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER)),
                TopicList.class);
    }

    /** GET_ROUTEINFO_BY_TOPIC (105); an unknown topic is code 17. */
    public TopicRouteData route(String topic) throws AdminException {
        RemotingCommand request = RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC).putExt("topic", topic);
        return Invoker.body(invoker.namesrv(request), TopicRouteData.class);
    }

    /** GET_TOPICS_BY_CLUSTER (224). */
    public TopicList topicsByCluster(String cluster) throws AdminException {
        RemotingCommand request = RemotingCommand.request(RequestCode.GET_TOPICS_BY_CLUSTER).putExt("cluster", cluster);
        return Invoker.body(invoker.namesrv(request), TopicList.class);
    }

    /** GET_NAMESRV_CONFIG (319) of every name server: address → its settings. */
    public Map<String, Map<String, String>> namesrvConfig() throws AdminException {
        Map<String, Map<String, String>> configs = new LinkedHashMap<>();
        for (String addr : invoker.namesrvAddrs()) {
            configs.put(addr, namesrvConfig(addr));
        }
        return configs;
    }

    /** GET_NAMESRV_CONFIG (319) of the name server at {@code addr} (also a cheap check that it answers). */
    public Map<String, String> namesrvConfig(String addr) throws AdminException {
        RemotingCommand response = invoker.call(addr, RemotingCommand.request(RequestCode.GET_NAMESRV_CONFIG));
        return PropertiesText.parse(response.body());
    }

    /** UPDATE_NAMESRV_CONFIG (318) on every name server. */
    public void updateNamesrvConfig(Map<String, String> entries) throws AdminException {
        invoker.everyNamesrv(RemotingCommand.request(RequestCode.UPDATE_NAMESRV_CONFIG)
                .body(PropertiesText.encode(entries)));
    }

    /** PUT_KV_CONFIG (100) on every name server. */
    public void putKvConfig(String namespace, String key, String value) throws AdminException {
        invoker.everyNamesrv(RemotingCommand.request(RequestCode.PUT_KV_CONFIG).putExt("namespace", namespace)
                .putExt("key", key).putExt("value", value));
    }

    /** GET_KV_CONFIG (101): the value, from the first name server that answers; code 22 when absent. */
    public String kvConfig(String namespace, String key) throws AdminException {
        RemotingCommand response = invoker.namesrv(RemotingCommand.request(RequestCode.GET_KV_CONFIG)
                .putExt("namespace", namespace).putExt("key", key));
        return response.ext("value");
    }

    /** DELETE_KV_CONFIG (102) on every name server. */
    public void deleteKvConfig(String namespace, String key) throws AdminException {
        invoker.everyNamesrv(RemotingCommand.request(RequestCode.DELETE_KV_CONFIG).putExt("namespace", namespace)
                .putExt("key", key));
    }

    /** GET_KVLIST_BY_NAMESPACE (219). */
    public KeyValueTable kvList(String namespace) throws AdminException {
        return Invoker.body(invoker.namesrv(RemotingCommand.request(RequestCode.GET_KVLIST_BY_NAMESPACE)
                .putExt("namespace", namespace)), KeyValueTable.class);
    }

    /** WIPE_WRITE_PERM_OF_BROKER (205) on name server {@code namesrv}: how many topics lost write permission. */
    public int wipeWritePerm(String namesrv, String brokerName) throws AdminException {
        RemotingCommand response = invoker.call(namesrv, RemotingCommand.request(
                RequestCode.WIPE_WRITE_PERM_OF_BROKER).putExt("brokerName", brokerName));
        return (int) Invoker.longHeader(response, "wipeTopicCount");
    }

    /** ADD_WRITE_PERM_OF_BROKER (327) on name server {@code namesrv}: how many topics got write permission back. */
    public int addWritePerm(String namesrv, String brokerName) throws AdminException {
        RemotingCommand response = invoker.call(namesrv, RemotingCommand.request(
                RequestCode.ADD_WRITE_PERM_OF_BROKER).putExt("brokerName", brokerName));
        return (int) Invoker.longHeader(response, "addTopicCount");
    }

    /** DELETE_TOPIC_IN_NAMESRV (216) on every name server; {@code cluster} may be null (all clusters). */
    public void deleteTopicInNamesrv(String topic, String cluster) throws AdminException {
        invoker.everyNamesrv(RemotingCommand.request(RequestCode.DELETE_TOPIC_IN_NAMESRV).putExt("topic", topic)
                .putExt("clusterName", cluster));
    }

    // ---- across brokers (DefaultMQAdminExt's examine* calls) ----

    /**
     * GET_TOPIC_STATS_INFO (202) on every master of the topic's route (105), merged; an empty result is code 17
     * ("Not found the topic stats info", as Apache).
     */
    public TopicStatsTable topicStats(String topic) throws AdminException {
        TopicStatsTable merged = new TopicStatsTable();
        for (String addr : BrokerLocator.masters(route(topic)).values()) {
            TopicStatsTable one = stats.topicStats(addr, topic);
            merged.offsetTable.putAll(one.offsetTable);
            merged.topicPutTps += one.topicPutTps;
        }
        if (merged.offsetTable.isEmpty()) {
            throw new AdminException(ResponseCode.TOPIC_NOT_EXIST, "Not found the topic stats info: " + topic);
        }
        return merged;
    }

    /**
     * GET_CONSUME_STATS (208) of {@code group} on every master of the route of {@code %RETRY%<group>} (105), merged;
     * {@code topic} null for every topic of the group. An empty result is code 206, as Apache.
     */
    public ConsumeStats consumeStats(String group, String topic) throws AdminException {
        ConsumeStats merged = new ConsumeStats();
        for (String addr : BrokerLocator.masters(route(GroupOperations.RETRY_PREFIX + group)).values()) {
            ConsumeStats one = groups.consumeStats(addr, group, topic);
            merged.offsetTable.putAll(one.offsetTable);
            merged.consumeTps += one.consumeTps;
        }
        if (merged.offsetTable.isEmpty()) {
            throw new AdminException(ResponseCode.CONSUMER_NOT_ONLINE, "Not found the consumer group consume stats, "
                    + "because return offset table is empty, maybe the consumer not consume any message: " + group);
        }
        return merged;
    }

    /**
     * DefaultMQAdminExt's queryMessage by key: QUERY_MESSAGE (12) on every master of the topic's route, keeping the
     * records of {@code topic} whose KEYS contain {@code key} (docs/protocol/06-admin.md).
     */
    public List<MessageRecord> queryByKey(String topic, String key, int maxNum, long begin, long end)
            throws AdminException {
        List<MessageRecord> found = new ArrayList<>();
        for (String addr : BrokerLocator.masters(route(topic)).values()) {
            for (MessageRecord r : messages.query(addr, topic, key, maxNum, begin, end, false)) {
                if (topic.equals(r.topic()) && r.keys() != null && List.of(r.keys().split(" ")).contains(key)) {
                    found.add(r);
                }
            }
        }
        return found;
    }

    /**
     * The message-trace records of {@code msgId} (the client's message id) stored in {@code traceTopic}, as
     * Apache's queryMsgTraceById finds them: the trace messages indexed under that id as a key
     * ({@link #queryByKey}), decoded, keeping the records about that message
     * (docs/protocol/16-timers-trace-reply-pop.md §2). Each record's client host is the IP address its trace
     * message came from.
     */
    public List<TraceRecord> queryTrace(String traceTopic, String msgId, int maxNum, long begin, long end)
            throws AdminException {
        List<TraceRecord> found = new ArrayList<>();
        for (MessageRecord m : queryByKey(traceTopic, msgId, maxNum, begin, end)) {
            String host = m.bornHost().substring(0, m.bornHost().lastIndexOf(':'));
            for (TraceRecord r : TraceRecordDecoder.decode(new String(m.body(), StandardCharsets.UTF_8), host)) {
                if (msgId.equals(r.msgId())) {
                    found.add(r);
                }
            }
        }
        return found;
    }

    /** QUERY_MESSAGE (12) by UNIQ_KEY on every master of the topic's route, keeping the records with that id. */
    public List<MessageRecord> queryByUniqKey(String topic, String msgId) throws AdminException {
        List<MessageRecord> found = new ArrayList<>();
        long begin = System.currentTimeMillis() - UNIQ_KEY_WINDOW_MILLIS;
        for (String addr : BrokerLocator.masters(route(topic)).values()) {
            for (MessageRecord r : messages.query(addr, topic, msgId, 32, begin, Long.MAX_VALUE, true)) {
                if (msgId.equals(r.msgId())) {
                    found.add(r);
                }
            }
        }
        return found;
    }

    /** VIEW_MESSAGE_BY_ID (33) sent to the store host encoded in {@code offsetMsgId}. */
    public MessageRecord viewMessage(String topic, String offsetMsgId) throws AdminException {
        OffsetMsgId.Decoded id = OffsetMsgId.decode(offsetMsgId)
                .orElseThrow(() -> AdminException.illegal("not an offsetMsgId: " + offsetMsgId));
        return messages.view(id.storeHost(), topic, id.commitLogOffset());
    }

    /**
     * INVOKE_BROKER_TO_RESET_OFFSET (222) on every master of the topic's route, merged: the new offset of every
     * queue. A broker without live consumers of the group answers 206, which fails the call (as in Apache, whose
     * tool then falls back to the old per-queue method).
     */
    public Map<MessageQueueBody, Long> resetOffsetByTimestamp(String topic, String group, long timestamp,
                                                             boolean force) throws AdminException {
        Map<MessageQueueBody, Long> merged = new LinkedHashMap<>();
        for (String addr : BrokerLocator.masters(route(topic)).values()) {
            merged.putAll(groups.resetOffsetByTimestamp(addr, topic, group, timestamp, force));
        }
        return merged;
    }

    /** The brokers serving {@code group}: masters of the route of {@code %RETRY%<group>}, by broker name. */
    public Map<String, String> groupMasters(String group) throws AdminException {
        return BrokerLocator.masters(route(GroupOperations.RETRY_PREFIX + group));
    }

    // ---- broker ----

    /** UPDATE_AND_CREATE_TOPIC (17) on the broker at {@code addr} (header fields: docs/protocol/06-admin.md). */
    public void createOrUpdateTopic(String addr, TopicConfig config) throws AdminException {
        invoker.call(addr, TopicRequests.createOrUpdate(config));
    }

    /** GET_TOPIC_CONFIG (351); an unknown topic is code 17. */
    public TopicConfig topicConfig(String addr, String topic) throws AdminException {
        RemotingCommand request = RemotingCommand.request(RequestCode.GET_TOPIC_CONFIG).putExt("topic", topic)
                .putExt("lo", true);
        return Invoker.body(invoker.call(addr, request), TopicConfig.class);
    }

    /** GET_ALL_TOPIC_CONFIG (21). */
    public TopicConfigSerializeWrapper allTopicConfig(String addr) throws AdminException {
        return Invoker.body(invoker.call(addr, RemotingCommand.request(RequestCode.GET_ALL_TOPIC_CONFIG)),
                TopicConfigSerializeWrapper.class);
    }

    /** DELETE_TOPIC_IN_BROKER (215). */
    public void deleteTopicInBroker(String addr, String topic) throws AdminException {
        invoker.call(addr, RemotingCommand.request(RequestCode.DELETE_TOPIC_IN_BROKER).putExt("topic", topic));
    }

    /** GET_BROKER_RUNTIME_INFO (28). */
    public KeyValueTable runtimeInfo(String addr) throws AdminException {
        return Invoker.body(invoker.call(addr, RemotingCommand.request(RequestCode.GET_BROKER_RUNTIME_INFO)),
                KeyValueTable.class);
    }

    /** GET_BROKER_CONFIG (26): the broker's settings, sorted by key. */
    public Map<String, String> brokerConfig(String addr) throws AdminException {
        return PropertiesText.parse(invoker.call(addr, RemotingCommand.request(RequestCode.GET_BROKER_CONFIG))
                .body());
    }

    /** UPDATE_BROKER_CONFIG (25). */
    public void updateBrokerConfig(String addr, Map<String, String> entries) throws AdminException {
        invoker.call(addr, RemotingCommand.request(RequestCode.UPDATE_BROKER_CONFIG)
                .body(PropertiesText.encode(entries)));
    }

    /** CLEAN_EXPIRED_CONSUMEQUEUE (306). */
    public void cleanExpiredConsumeQueue(String addr) throws AdminException {
        invoker.call(addr, RemotingCommand.request(RequestCode.CLEAN_EXPIRED_CONSUMEQUEUE));
    }

    /** CLEAN_UNUSED_TOPIC (316). */
    public void cleanUnusedTopic(String addr) throws AdminException {
        invoker.call(addr, RemotingCommand.request(RequestCode.CLEAN_UNUSED_TOPIC));
    }

    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }
}
