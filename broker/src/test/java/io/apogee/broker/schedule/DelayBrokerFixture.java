package io.apogee.broker.schedule;

import io.apogee.broker.BrokerServer;
import io.apogee.broker.config.BrokerConfig;
import io.apogee.remoting.RemotingClient;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.store.GetResult;
import io.apogee.store.MessageStoreConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole {@link BrokerServer} (no name server) on a temp dir with short delay levels
 * ({@value #LEVELS}), a client, and helpers to build SEND / send-back requests and read queues straight from
 * the store. Can be restarted on the same directory.
 */
public final class DelayBrokerFixture implements AutoCloseable {

    public static final String LEVELS = "100ms 200ms 300ms 400ms 500ms";
    public static final String PROPS = "KEYS\u0001KeyA\u0002UNIQ_KEY\u0001AC11000100002A9F0000000000000001\u0002"
            + "WAIT\u0001true\u0002TAGS\u0001TagA\u0002";

    public final BrokerConfig config = new BrokerConfig();
    public final MessageStoreConfig storeConfig = new MessageStoreConfig();

    {
        // the fixture's requests reuse one UNIQ_KEY; duplicate detection: RecentSendsTest, DuplicateSendIT
        config.duplicateSendDetectEnable = false;
    }
    private final Path dir;
    private final RemotingClient client = new RemotingClient("delay-test-client");
    private BrokerServer broker;

    public DelayBrokerFixture(Path dir) {
        this.dir = dir;
        config.listenPort = 0;
        config.brokerIP1 = "127.0.0.1";
        config.namesrvAddr = "";
        config.messageDelayLevel = LEVELS;
        config.flushDelayOffsetInterval = 200;
    }

    public DelayBrokerFixture start() throws Exception {
        storeConfig.storePathRootDir = dir.toString();
        storeConfig.mapedFileSizeCommitLog = 1024 * 1024;
        broker = new BrokerServer(config, storeConfig);
        broker.start();
        return this;
    }

    public void stopBroker() {
        broker.close();
    }

    public BrokerServer broker() {
        return broker;
    }

    public RemotingCommand call(RemotingCommand request) throws Exception {
        return client.invokeSync(broker.address(), request, 5_000);
    }

    /** A SEND_MESSAGE_V2 request with body "hello". */
    public static RemotingCommand send(String topic, int queueId, String props) {
        return RemotingCommand.request(RequestCode.SEND_MESSAGE_V2)
                .putExt("a", "PG1").putExt("b", topic).putExt("c", "TBW102").putExt("d", 4)
                .putExt("e", queueId).putExt("f", 0).putExt("g", System.currentTimeMillis()).putExt("h", 0)
                .putExt("i", props).putExt("j", 0).putExt("k", false).putExt("m", false).putExt("n", "broker-a")
                .body("hello".getBytes(StandardCharsets.UTF_8));
    }

    /** A CONSUMER_SEND_MSG_BACK request as the clients build it (version 493 = 5.x). */
    public static RemotingCommand sendBack(long commitLogOffset, String group, int delayLevel, int maxReconsumeTimes) {
        return RemotingCommand.request(RequestCode.CONSUMER_SEND_MSG_BACK).version(493)
                .putExt("offset", commitLogOffset).putExt("group", group).putExt("delayLevel", delayLevel)
                .putExt("originMsgId", "AC11000100002A9F0000000000000001").putExt("originTopic", "TopicA")
                .putExt("unitMode", false).putExt("maxReconsumeTimes", maxReconsumeTimes);
    }

    /** The commit-log offset encoded in an IPv4 offsetMsgId. */
    public static long commitLogOffsetOf(String offsetMsgId) {
        return Long.parseUnsignedLong(offsetMsgId.substring(16), 16);
    }

    public long count(String topic, int queueId) {
        return broker.store().maxOffsetInQueue(topic, queueId);
    }

    /** Every record of the queue (copies of the mapped slices' positions, readable after release). */
    public List<ByteBuffer> read(String topic, int queueId) {
        GetResult r = broker.store().get(topic, queueId, 0, 1_000, 16 * 1024 * 1024, null);
        List<ByteBuffer> records = new ArrayList<>(r.records());
        r.release();
        return records;
    }

    @Override
    public void close() {
        client.close();
        if (broker != null) {
            broker.close();
        }
    }
}
