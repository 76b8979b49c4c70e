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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Half messages and END_TRANSACTION against a whole broker with a real store. */
class TransactionTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private TransactionBrokerFixture fx;

    @AfterEach
    void close() {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void shouldParkAPreparedMessageInTheHalfTopicWhereConsumersOfTheRealTopicCannotSeeIt() throws Exception {
        fx = new TransactionBrokerFixture(dir).start();

        RemotingCommand r = fx.call(TransactionBrokerFixture.sendHalf());

        assertThat(r.code()).as(r.remark()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(r.ext("queueId")).isEqualTo("2");
        assertThat(r.ext("queueOffset")).isEqualTo("0");
        assertThat(r.ext("transactionId")).isEqualTo(UNIQ_KEY);
        await().atMost(PATIENCE).until(() -> fx.count(SystemTopics.TRANS_HALF, 0) == 1);
        assertThat(fx.count(TOPIC, 2)).isZero();
        ByteBuffer half = fx.read(SystemTopics.TRANS_HALF, 0).get(0);
        assertThat(StoredMessage.physicalOffset(half))
                .isEqualTo(TransactionBrokerFixture.commitLogOffsetOf(r.ext("msgId")));
        assertThat(StoredMessage.sysFlag(half) & TransactionKeys.TYPE_MASK).isEqualTo(TransactionKeys.NOT_TYPE);
        assertThat(StoredMessage.property(half, "REAL_TOPIC")).isEqualTo(TOPIC);
        assertThat(StoredMessage.property(half, "REAL_QID")).isEqualTo("2");
        assertThat(StoredMessage.property(half, "PGROUP")).isEqualTo(GROUP);
        assertThat(StoredMessage.property(half, "__transactionId__")).isEqualTo(UNIQ_KEY);
    }

    @Test
    void shouldRefuseTransactionalMessagesWhenTheBrokerRejectsThem() throws Exception {
        fx = new TransactionBrokerFixture(dir);
        fx.config.rejectTransactionMessage = true;
        fx.start();

        RemotingCommand r = fx.call(TransactionBrokerFixture.sendHalf());

        assertThat(r.code()).isEqualTo(ResponseCode.NO_PERMISSION);
        assertThat(r.remark()).contains("rejectTransactionMessage");
    }

    @Test
    void shouldDeliverACommittedMessageExactlyOnceEvenWhenCommittedTwice() throws Exception {
        fx = new TransactionBrokerFixture(dir).start();
        RemotingCommand sent = fx.call(TransactionBrokerFixture.sendHalf());

        RemotingCommand first = fx.call(TransactionBrokerFixture.end(sent, EndTransactionProcessor.COMMIT, GROUP));
        RemotingCommand second = fx.call(TransactionBrokerFixture.end(sent, EndTransactionProcessor.COMMIT, GROUP));

        assertThat(first.code()).as(first.remark()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(second.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(second.remark()).contains("already ended");
        await().atMost(PATIENCE).until(fx::dispatched);
        assertThat(fx.count(TOPIC, 2)).isEqualTo(1);
        ByteBuffer delivered = fx.read(TOPIC, 2).get(0);
        assertThat(StoredMessage.sysFlag(delivered) & TransactionKeys.TYPE_MASK)
                .isEqualTo(TransactionKeys.COMMIT_TYPE);
        assertThat(new String(StoredMessage.body(delivered), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(StoredMessage.property(delivered, "REAL_TOPIC")).isNull();
        assertThat(StoredMessage.property(delivered, "TRAN_MSG")).isNull();
        assertThat(StoredMessage.property(delivered, "UNIQ_KEY")).isEqualTo(UNIQ_KEY);
        assertThat(StoredMessage.property(delivered, "TAGS")).isEqualTo("TX");
        assertThat(fx.count(SystemTopics.TRANS_OP_HALF, 0)).isEqualTo(1);
        ByteBuffer op = fx.read(SystemTopics.TRANS_OP_HALF, 0).get(0);
        assertThat(new String(StoredMessage.body(op), StandardCharsets.UTF_8)).isEqualTo("0");
        assertThat(StoredMessage.property(op, "TAGS")).isEqualTo("d");
    }

    @Test
    void shouldCountACommittedTransactionMessageAsAPut() throws Exception {
        fx = new TransactionBrokerFixture(dir).start();
        BrokerStats stats = fx.broker().stats();
        RemotingCommand sent = fx.call(TransactionBrokerFixture.sendHalf());
        assertThat(stats.find(BrokerStats.BROKER_PUT_NUMS, "DefaultCluster")).map(StatsItem::value)
                .as("the half message is in a system topic").contains(0L);

        RemotingCommand commit = fx.call(TransactionBrokerFixture.end(sent, EndTransactionProcessor.COMMIT, GROUP));

        assertThat(commit.code()).as(commit.remark()).isEqualTo(ResponseCode.SUCCESS);
        await().atMost(PATIENCE).until(fx::dispatched);
        int committedBytes = StoredMessage.totalSize(fx.read(TOPIC, 2).get(0));
        assertThat(stats.find(BrokerStats.TOPIC_PUT_NUMS, TOPIC)).map(StatsItem::value).contains(1L);
        assertThat(stats.find(BrokerStats.TOPIC_PUT_SIZE, TOPIC)).map(StatsItem::value).contains((long) committedBytes);
        assertThat(stats.find(BrokerStats.BROKER_PUT_NUMS, "DefaultCluster")).map(StatsItem::value).contains(1L);
        assertThat(stats.find(BrokerStats.TOPIC_PUT_NUMS, SystemTopics.TRANS_HALF)).map(StatsItem::value)
                .contains(1L);
    }

    @Test
    void shouldCountTheOpRecordOfARollbackButNothingInTheRealTopic() throws Exception {
        fx = new TransactionBrokerFixture(dir).start();
        BrokerStats stats = fx.broker().stats();
        RemotingCommand sent = fx.call(TransactionBrokerFixture.sendHalf());

        RemotingCommand rollback = fx.call(TransactionBrokerFixture.end(sent, EndTransactionProcessor.ROLLBACK, GROUP));

        assertThat(rollback.code()).as(rollback.remark()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(stats.find(BrokerStats.TOPIC_PUT_NUMS, SystemTopics.TRANS_OP_HALF)).map(StatsItem::value)
                .contains(1L);
        assertThat(stats.find(BrokerStats.TOPIC_PUT_NUMS, TOPIC)).isEmpty();
        assertThat(stats.find(BrokerStats.BROKER_PUT_NUMS, "DefaultCluster")).map(StatsItem::value)
                .as("the op topic is a system topic").contains(0L);
    }

    @Test
    void shouldNeverDeliverARolledBackMessage() throws Exception {
        fx = new TransactionBrokerFixture(dir).start();
        RemotingCommand sent = fx.call(TransactionBrokerFixture.sendHalf());

        RemotingCommand rollback = fx.call(TransactionBrokerFixture.end(sent, EndTransactionProcessor.ROLLBACK, GROUP));
        RemotingCommand lateCommit = fx.call(TransactionBrokerFixture.end(sent, EndTransactionProcessor.COMMIT, GROUP));

        assertThat(rollback.code()).as(rollback.remark()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(lateCommit.remark()).contains("already ended");
        await().atMost(PATIENCE).until(fx::dispatched);
        assertThat(fx.count(SystemTopics.TRANS_OP_HALF, 0)).isEqualTo(1);
        assertThat(fx.count(TOPIC, 2)).isZero();
    }

    @Test
    void shouldIgnoreAnUnknownOutcome() throws Exception {
        fx = new TransactionBrokerFixture(dir).start();
        RemotingCommand sent = fx.call(TransactionBrokerFixture.sendHalf());

        RemotingCommand r = fx.call(TransactionBrokerFixture.end(sent, 0, GROUP));

        assertThat(r.code()).isEqualTo(ResponseCode.SUCCESS);
        await().atMost(PATIENCE).until(fx::dispatched);
        assertThat(fx.count(SystemTopics.TRANS_OP_HALF, 0)).isZero();
        assertThat(fx.broker().transactions().book().isSettled(UNIQ_KEY)).isFalse();
    }

    @Test
    void shouldRefuseToEndAHalfMessageOfAnotherProducerGroup() throws Exception {
        fx = new TransactionBrokerFixture(dir).start();
        RemotingCommand sent = fx.call(TransactionBrokerFixture.sendHalf());

        RemotingCommand r = fx.call(TransactionBrokerFixture.end(sent, EndTransactionProcessor.COMMIT, "OtherGroup"));

        assertThat(r.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(r.remark()).contains(GROUP).contains("OtherGroup");
        assertThat(fx.broker().transactions().book().isSettled(UNIQ_KEY)).isFalse();
    }

    @Test
    void shouldRefuseToEndAHalfMessageAtTheWrongHalfOffset() throws Exception {
        fx = new TransactionBrokerFixture(dir).start();
        RemotingCommand sent = fx.call(TransactionBrokerFixture.sendHalf());
        long commitLogOffset = TransactionBrokerFixture.commitLogOffsetOf(sent.ext("msgId"));

        RemotingCommand wrongOffset = fx.call(TransactionBrokerFixture.end(7, commitLogOffset,
                EndTransactionProcessor.COMMIT, GROUP, false));
        RemotingCommand nothingThere = fx.call(TransactionBrokerFixture.end(0, commitLogOffset + 3,
                EndTransactionProcessor.COMMIT, GROUP, false));
        RemotingCommand badDecision = fx.call(TransactionBrokerFixture.end(0, commitLogOffset, 5, GROUP, false));

        assertThat(wrongOffset.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(wrongOffset.remark()).contains("tranStateTableOffset 7");
        assertThat(nothingThere.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(nothingThere.remark()).contains(Long.toString(commitLogOffset + 3));
        assertThat(badDecision.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(badDecision.remark()).contains("commitOrRollback=5");
    }
}
