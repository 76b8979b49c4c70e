package io.apogee.broker.transaction;

import static io.apogee.broker.transaction.TransactionBrokerFixture.GROUP;
import static io.apogee.broker.transaction.TransactionBrokerFixture.TOPIC;
import static io.apogee.broker.transaction.TransactionBrokerFixture.UNIQ_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.broker.stats.BrokerStats;
import io.apogee.broker.stats.StatsItem;
import io.apogee.broker.topic.SystemTopics;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.ResponseCode;
import io.apogee.store.StoredMessage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CHECK_TRANSACTION_STATE from a whole broker to a producer connection registered by heartbeat. */
class TransactionCheckServiceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(15);
    private static final long TIMEOUT_MILLIS = 300;

    @TempDir
    Path dir;
    private TransactionBrokerFixture fx;
    private final List<RemotingCommand> checks = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        if (fx != null) {
            fx.close();
        }
    }

    private TransactionBrokerFixture broker(int checkMax) throws Exception {
        fx = new TransactionBrokerFixture(dir);
        fx.config.transactionTimeOut = TIMEOUT_MILLIS;
        fx.config.transactionCheckInterval = 100;
        fx.config.transactionCheckMax = checkMax;
        return fx.start();
    }

    @Test
    void shouldAskTheProducerAfterTheTimeoutAndDeliverOnItsCommit() throws Exception {
        broker(15);
        fx.onCheck((channel, request) -> {
            checks.add(request);
            fx.oneway(TransactionBrokerFixture.end(request.requireExtLong("tranStateTableOffset"),
                    request.requireExtLong("commitLogOffset"), EndTransactionProcessor.COMMIT, GROUP, true));
            return null;
        });
        fx.heartbeat();
        long sentAt = System.currentTimeMillis();
        RemotingCommand sent = fx.call(TransactionBrokerFixture.sendHalf());

        await().atMost(PATIENCE).until(() -> fx.count(TOPIC, 2) == 1);

        assertThat(checks).hasSize(1);
        RemotingCommand check = checks.get(0);
        assertThat(System.currentTimeMillis() - sentAt).isGreaterThanOrEqualTo(TIMEOUT_MILLIS);
        ByteBuffer copy = fx.read(SystemTopics.TRANS_HALF, 0).get(1);
        assertThat(check.ext("tranStateTableOffset")).isEqualTo("1");
        assertThat(check.requireExtLong("commitLogOffset")).isEqualTo(StoredMessage.physicalOffset(copy))
                .isNotEqualTo(TransactionBrokerFixture.commitLogOffsetOf(sent.ext("msgId")));
        assertThat(check.ext("msgId")).isEqualTo(UNIQ_KEY);
        assertThat(check.ext("transactionId")).isEqualTo(UNIQ_KEY);
        assertThat(TransactionBrokerFixture.commitLogOffsetOf(check.ext("offsetMsgId")))
                .isEqualTo(StoredMessage.physicalOffset(copy));
        assertThat(check.ext("topic")).isEqualTo(SystemTopics.TRANS_HALF);
        ByteBuffer body = ByteBuffer.wrap(check.body());
        assertThat(StoredMessage.totalSize(body)).isEqualTo(check.body().length);
        assertThat(StoredMessage.topic(body)).isEqualTo(TOPIC);
        assertThat(StoredMessage.queueId(body)).isEqualTo(2);
        assertThat(StoredMessage.physicalOffset(body)).isEqualTo(StoredMessage.physicalOffset(copy));
        assertThat(new String(StoredMessage.body(body), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(StoredMessage.property(body, "PGROUP")).isEqualTo(GROUP);
        assertThat(StoredMessage.property(body, "TRAN_MSG")).isEqualTo("true");
        assertThat(StoredMessage.property(body, "TRANSACTION_CHECK_TIMES")).isEqualTo("1");
        ByteBuffer delivered = fx.read(TOPIC, 2).get(0);
        assertThat(StoredMessage.property(delivered, "UNIQ_KEY")).isEqualTo(UNIQ_KEY);
    }

    @Test
    void shouldDiscardAHalfMessageAfterTheMaximumNumberOfChecks() throws Exception {
        broker(2);
        fx.onCheck((channel, request) -> {
            checks.add(request);
            return null;
        });
        fx.heartbeat();
        fx.call(TransactionBrokerFixture.sendHalf());

        await().atMost(PATIENCE).until(() -> fx.count(SystemTopics.TRANS_CHECK_MAX_TIME, 0) == 1);

        assertThat(checks).extracting(c -> c.ext("tranStateTableOffset")).containsExactly("1", "2");
        await().atMost(PATIENCE).until(() -> fx.count(SystemTopics.TRANS_OP_HALF, 0) == 1);
        assertThat(fx.count(TOPIC, 2)).isZero();
    }

    @Test
    void shouldCountEachCheckedCopyAsAPutOfTheHalfTopicButNotTheDiscardedCopy() throws Exception {
        broker(2);
        fx.onCheck((channel, request) -> null);
        fx.heartbeat();
        BrokerStats stats = fx.broker().stats();
        fx.call(TransactionBrokerFixture.sendHalf());

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(stats.find(BrokerStats.TOPIC_PUT_NUMS,
                SystemTopics.TRANS_OP_HALF)).map(StatsItem::value).contains(1L));

        assertThat(stats.find(BrokerStats.TOPIC_PUT_NUMS, SystemTopics.TRANS_HALF)).map(StatsItem::value)
                .as("the sent half message and its two checked copies").contains(3L);
        assertThat(stats.find(BrokerStats.TOPIC_PUT_NUMS, SystemTopics.TRANS_CHECK_MAX_TIME)).isEmpty();
        assertThat(stats.find(BrokerStats.BROKER_PUT_NUMS, "DefaultCluster")).map(StatsItem::value).contains(0L);
    }

    @Test
    void shouldNotAskAboutATransactionSettledBeforeARestart() throws Exception {
        fx = new TransactionBrokerFixture(dir).start();
        RemotingCommand sent = fx.call(TransactionBrokerFixture.sendHalf());
        RemotingCommand commit = fx.call(TransactionBrokerFixture.end(sent, EndTransactionProcessor.COMMIT, GROUP));
        assertThat(commit.code()).isEqualTo(ResponseCode.SUCCESS);
        fx.stopBroker();
        fx.close();

        broker(15);
        fx.onCheck((channel, request) -> {
            checks.add(request);
            return null;
        });
        fx.heartbeat();
        RemotingCommand later = fx.call(TransactionBrokerFixture.sendHalf("AC11000100002A9F0000000000000099"));

        await().atMost(PATIENCE).until(() -> checks.size() == 1);
        assertThat(checks.get(0).ext("msgId")).isEqualTo("AC11000100002A9F0000000000000099");
        assertThat(checks.get(0).requireExtLong("commitLogOffset"))
                .as("only the unsettled second half message is checked")
                .isGreaterThan(TransactionBrokerFixture.commitLogOffsetOf(later.ext("msgId")));
        await().atMost(PATIENCE).until(() -> fx.broker().transactions().checkService().checkOffset() >= 2);
        assertThat(fx.count(TOPIC, 2)).isEqualTo(1);
    }
}
