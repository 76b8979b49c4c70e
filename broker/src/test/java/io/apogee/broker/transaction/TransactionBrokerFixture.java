package io.apogee.broker.transaction;

import io.apogee.broker.BrokerServer;
import io.apogee.broker.config.BrokerConfig;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemotingClient;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.body.HeartbeatData;
import io.apogee.remoting.body.ProducerData;
import io.apogee.store.GetResult;
import io.apogee.store.MessageStoreConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A whole {@link BrokerServer} (no name server) on a temp dir, and a "producer" {@link RemotingClient} of group
 * {@value #GROUP} that can heartbeat and answer CHECK_TRANSACTION_STATE with a test-supplied processor.
 * Checks are off unless a test shortens {@code transactionTimeOut}. Can be restarted on the same directory.
 */
final class TransactionBrokerFixture implements AutoCloseable {

    static final String GROUP = "TXG";
    static final String TOPIC = "TopicTx";
    static final String UNIQ_KEY = "AC11000100002A9F0000000000000007";

    final BrokerConfig config = new BrokerConfig();

    {
        // the fixture's requests reuse one UNIQ_KEY; duplicate detection: RecentSendsTest, DuplicateSendIT
        config.duplicateSendDetectEnable = false;
    }
    final RemotingClient producer = new RemotingClient("tx-test-producer");
    private final ExecutorService checkExecutor = Executors.newSingleThreadExecutor();
    private final Path dir;
    private BrokerServer broker;

    TransactionBrokerFixture(Path dir) {
        this.dir = dir;
        config.listenPort = 0;
        config.brokerIP1 = "127.0.0.1";
        config.namesrvAddr = "";
        config.transactionTimeOut = 3_600_000;
        config.transactionCheckInterval = 100;
    }

    TransactionBrokerFixture start() throws Exception {
        MessageStoreConfig storeConfig = new MessageStoreConfig();
        storeConfig.storePathRootDir = dir.toString();
        storeConfig.mapedFileSizeCommitLog = 1024 * 1024;
        broker = new BrokerServer(config, storeConfig);
        broker.start();
        return this;
    }

    void stopBroker() {
        broker.close();
    }

    BrokerServer broker() {
        return broker;
    }

    /** Answers CHECK_TRANSACTION_STATE requests sent to the producer client. */
    void onCheck(io.apogee.remoting.RequestProcessor processor) {
        producer.registerProcessor(RequestCode.CHECK_TRANSACTION_STATE, processor, checkExecutor);
    }

    /** Registers the producer client's connection in group {@value #GROUP}. */
    void heartbeat() throws Exception {
        HeartbeatData data = new HeartbeatData();
        data.clientID = "127.0.0.1@tx-test";
        data.producerDataSet.add(new ProducerData(GROUP));
        RemotingCommand r = call(RemotingCommand.request(RequestCode.HEART_BEAT).body(JsonCodec.encode(data)));
        if (r.code() != 0) {
            throw new IllegalStateException("heartbeat failed: " + r.remark());
        }
    }

    RemotingCommand call(RemotingCommand request) throws Exception {
        return producer.invokeSync(broker.address(), request, 5_000);
    }

    void oneway(RemotingCommand request) throws Exception {
        producer.invokeOneway(broker.address(), request);
    }

    /** A half message (SEND_MESSAGE_V2, sysFlag 4) to {@value #TOPIC} queue 2 with body "hello". */
    static RemotingCommand sendHalf() {
        return sendHalf(UNIQ_KEY);
    }

    /** A half message like {@link #sendHalf()} with another UNIQ_KEY. */
    static RemotingCommand sendHalf(String uniqKey) {
        String props = "KEYS\u0001KeyTx\u0002TRAN_MSG\u0001true\u0002PGROUP\u0001" + GROUP + "\u0002"
                + "UNIQ_KEY\u0001" + uniqKey + "\u0002WAIT\u0001true\u0002TAGS\u0001TX\u0002";
        return RemotingCommand.request(RequestCode.SEND_MESSAGE_V2)
                .putExt("a", GROUP).putExt("b", TOPIC).putExt("c", "TBW102").putExt("d", 4)
                .putExt("e", 2).putExt("f", 4).putExt("g", System.currentTimeMillis()).putExt("h", 0)
                .putExt("i", props).putExt("j", 0).putExt("k", false).putExt("m", false).putExt("n", "broker-a")
                .body("hello".getBytes(StandardCharsets.UTF_8));
    }

    /** END_TRANSACTION for the half message a SEND answered with {@code sendResponse}. */
    static RemotingCommand end(RemotingCommand sendResponse, int decision, String group) {
        return end(Long.parseLong(sendResponse.ext("queueOffset")), commitLogOffsetOf(sendResponse.ext("msgId")),
                decision, group, false);
    }

    static RemotingCommand end(long tranStateTableOffset, long commitLogOffset, int decision, String group,
                               boolean fromCheck) {
        return RemotingCommand.request(RequestCode.END_TRANSACTION)
                .putExt("producerGroup", group).putExt("tranStateTableOffset", tranStateTableOffset)
                .putExt("commitLogOffset", commitLogOffset).putExt("commitOrRollback", decision)
                .putExt("fromTransactionCheck", fromCheck).putExt("msgId", UNIQ_KEY)
                .putExt("transactionId", UNIQ_KEY).putExt("bname", "broker-a");
    }

    /** The commit-log offset encoded in an IPv4 offsetMsgId. */
    static long commitLogOffsetOf(String offsetMsgId) {
        return Long.parseUnsignedLong(offsetMsgId.substring(16), 16);
    }

    long count(String topic, int queueId) {
        return broker.store().maxOffsetInQueue(topic, queueId);
    }

    /** True when every stored record is in its consume queue. */
    boolean dispatched() {
        return broker.store().dispatchedOffset() >= broker.store().commitLogMaxOffset();
    }

    /** Every record of the queue. */
    List<ByteBuffer> read(String topic, int queueId) {
        GetResult r = broker.store().get(topic, queueId, 0, 1_000, 16 * 1024 * 1024, null);
        List<ByteBuffer> records = new ArrayList<>(r.records());
        r.release();
        return records;
    }

    @Override
    public void close() {
        producer.close();
        checkExecutor.shutdownNow();
        if (broker != null) {
            broker.close();
        }
    }
}
