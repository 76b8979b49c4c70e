package io.apogee.broker.consumer;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.topic.TopicTable;
import io.apogee.common.io.MetadataWriter;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemotingClient;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RemotingServer;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ServerSettings;
import io.apogee.remoting.body.ConsumerData;
import io.apogee.remoting.body.HeartbeatData;
import io.apogee.remoting.body.SubscriptionData;
import io.apogee.store.MessageDraft;
import io.apogee.store.MessageStore;
import io.apogee.store.MessageStoreConfig;
import io.apogee.store.PutResult;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A broker's consume side on real parts: a message store in a temp dir, the topic table (with TopicA of
 * four queues), a remoting server on an ephemeral port with {@link ConsumeSide} registered, and helpers to
 * build requests, put messages and decode pulled records. The consume side and server can be restarted
 * on the same directory. Public for the fixtures of other packages built on a consume side (groupadmin's).
 */
public final class ConsumeSideFixture implements AutoCloseable {

    public static final String TOPIC = "TopicA";

    public final BrokerConfig config;
    public final MessageStoreConfig storeConfig = new MessageStoreConfig();
    public final MessageStore store;
    public final TopicTable topics;
    final MetadataWriter metadata = new MetadataWriter("test-metadata-writer");
    public RemotingServer server;
    public ConsumeSide consumeSide;
    private final List<RemotingClient> clients = new ArrayList<>();

    public ConsumeSideFixture(Path dir, BrokerConfig config) throws Exception {
        this.config = config;
        storeConfig.storePathRootDir = dir.toString();
        storeConfig.mapedFileSizeCommitLog = 1024 * 1024;
        store = new MessageStore(storeConfig);
        store.start();
        topics = new TopicTable(config, storeConfig.configDir(), metadata);
        topics.load();
        topics.createOrGet(TOPIC, 4, 6, 0).ready().join();
        startConsumeSide();
    }

    static BrokerConfig defaultConfig() {
        BrokerConfig c = new BrokerConfig();
        // the fixture's requests reuse one UNIQ_KEY; duplicate detection: RecentSendsTest, DuplicateSendIT
        c.duplicateSendDetectEnable = false;
        c.listenPort = 0;
        c.flushConsumerOffsetInterval = 100;
        return c;
    }

    void startConsumeSide() {
        server = new RemotingServer(ServerSettings.of("test-broker", 0));
        consumeSide = new ConsumeSide(config, storeConfig.configDir(), store, topics, metadata);
        consumeSide.registerWith(server);
        store.setArrivalListener(consumeSide);
        consumeSide.start();
        server.start();
    }

    void stopConsumeSide() {
        server.close();
        consumeSide.close();
    }

    /** Closes the consume side and its server and starts new ones on the same directory (a new port). */
    public void restartConsumeSide() {
        stopConsumeSide();
        startConsumeSide();
    }

    public String address() {
        return "127.0.0.1:" + server.port();
    }

    public RemotingClient newClient(String name) {
        RemotingClient client = new RemotingClient(name);
        client.start();
        clients.add(client);
        return client;
    }

    public RemotingCommand call(RemotingClient client, RemotingCommand request) throws Exception {
        return client.invokeSync(address(), request, 5_000);
    }

    /** Puts one message with an optional tag and returns its queue offset. */
    long put(int queueId, String tag, String body) throws Exception {
        return putDispatched(queueId, tag, body).queueOffset();
    }

    /** Puts one message with an optional tag into TopicA's queue and returns its result once it is dispatched. */
    public PutResult putDispatched(int queueId, String tag, String body) throws Exception {
        MessageDraft draft = new MessageDraft();
        draft.topic = TOPIC;
        draft.queueId = queueId;
        draft.body = body.getBytes(StandardCharsets.UTF_8);
        draft.properties = tag == null ? new byte[0]
                : ("TAGS\u0001" + tag + "\u0002").getBytes(StandardCharsets.UTF_8);
        draft.tagsCode = tag == null ? 0 : tag.hashCode();
        draft.bornTimestamp = System.currentTimeMillis();
        draft.bornHost = new InetSocketAddress("127.0.0.1", 40000);
        draft.storeHost = new InetSocketAddress("127.0.0.1", 10911);
        PutResult result = store.put(draft).get(5, TimeUnit.SECONDS);
        if (!result.isOk()) {
            throw new IllegalStateException("put failed: " + result);
        }
        long end = result.wroteOffset() + result.wroteBytes();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> store.dispatchedOffset() >= end);
        return result;
    }

    static RemotingCommand heartbeat(String clientId, String group, String topic, String expression, long subVersion) {
        return heartbeat(clientId, group, new SubscriptionData(topic, expression, subVersion),
                "CONSUME_FROM_LAST_OFFSET");
    }

    /** A HEART_BEAT of consumer {@code clientId} of {@code group} (clustering, pull) with one subscription. */
    public static RemotingCommand heartbeat(String clientId, String group, SubscriptionData subscription,
                                            String consumeFromWhere) {
        ConsumerData consumer = new ConsumerData();
        consumer.groupName = group;
        consumer.consumeType = "CONSUME_PASSIVELY";
        consumer.messageModel = ConsumerData.CLUSTERING;
        consumer.consumeFromWhere = consumeFromWhere;
        consumer.subscriptionDataSet.add(subscription);
        HeartbeatData data = new HeartbeatData();
        data.clientID = clientId;
        data.consumerDataSet.add(consumer);
        return RemotingCommand.request(RequestCode.HEART_BEAT).body(JsonCodec.encode(data));
    }

    /** A pull of queue {@code queueId} at {@code offset}; a non-null expression sets the subscription flag. */
    static RemotingCommand pull(String group, int queueId, long offset, int sysFlag, String expression,
                                long suspendMillis) {
        RemotingCommand request = RemotingCommand.request(RequestCode.PULL_MESSAGE)
                .putExt("consumerGroup", group)
                .putExt("topic", TOPIC)
                .putExt("queueId", queueId)
                .putExt("queueOffset", offset)
                .putExt("maxMsgNums", 32)
                .putExt("commitOffset", 0)
                .putExt("suspendTimeoutMillis", suspendMillis)
                .putExt("subVersion", 0)
                .putExt("expressionType", "TAG");
        int flag = sysFlag;
        if (expression != null) {
            request.putExt("subscription", expression);
            flag |= 0x4;
        }
        return request.putExt("sysFlag", flag);
    }

    /** One pulled record, decoded just enough for assertions. */
    record Pulled(long queueOffset, String tag, String body) {
    }

    static List<Pulled> records(RemotingCommand response) {
        List<Pulled> out = new ArrayList<>();
        ByteBuffer buf = ByteBuffer.wrap(response.body());
        while (buf.remaining() > 0) {
            ByteBuffer record = buf.slice();
            int size = record.getInt(0);
            record.limit(size);
            out.add(new Pulled(io.apogee.store.StoredMessage.queueOffset(record),
                    io.apogee.store.StoredMessage.property(record, "TAGS"),
                    new String(io.apogee.store.StoredMessage.body(record), StandardCharsets.UTF_8)));
            buf.position(buf.position() + size);
        }
        return out;
    }

    @Override
    public void close() {
        clients.forEach(RemotingClient::close);
        stopConsumeSide();
        metadata.close();
        store.close();
    }
}
