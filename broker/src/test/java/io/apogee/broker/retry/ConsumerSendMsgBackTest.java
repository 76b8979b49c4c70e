package io.apogee.broker.retry;

import static io.apogee.broker.schedule.DelayBrokerFixture.PROPS;
import static io.apogee.broker.schedule.DelayBrokerFixture.commitLogOffsetOf;
import static io.apogee.broker.schedule.DelayBrokerFixture.send;
import static io.apogee.broker.schedule.DelayBrokerFixture.sendBack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.broker.schedule.DelayBrokerFixture;
import io.apogee.broker.stats.BrokerStats;
import io.apogee.broker.stats.StatsItem;
import io.apogee.broker.topic.SystemTopics;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.LockBatchRequestBody;
import io.apogee.remoting.body.MessageQueueBody;
import io.apogee.store.StoredMessage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsumerSendMsgBackTest {

    private static final String TOPIC = "TopicA";
    private static final String GROUP = "G1";
    private static final String RETRY = "%RETRY%G1";
    private static final String DLQ = "%DLQ%G1";
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private DelayBrokerFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private DelayBrokerFixture started() throws Exception {
        fixture = new DelayBrokerFixture(dir).start();
        fixture.broker().topics().createIfAbsent(TOPIC, 4, 6, 0);
        return fixture;
    }

    private long sendPlain() throws Exception {
        RemotingCommand response = fixture.call(send(TOPIC, 0, PROPS));
        assertThat(response.code()).as(response.remark()).isEqualTo(ResponseCode.SUCCESS);
        return commitLogOffsetOf(response.ext("msgId"));
    }

    @Test
    void shouldParkASentBackMessageThenDeliverItToTheRetryTopic() throws Exception {
        started();
        long offset = sendPlain();

        RemotingCommand response = fixture.call(sendBack(offset, GROUP, 0, 16));

        assertThat(response.code()).as(response.remark()).isEqualTo(ResponseCode.SUCCESS);
        await().atMost(DEADLINE).until(() -> fixture.count(SystemTopics.SCHEDULE, 2) == 1);
        assertThat(StoredMessage.property(fixture.read(SystemTopics.SCHEDULE, 2).get(0), "DELAY"))
                .as("level 3 + reconsumeTimes 0").isEqualTo("3");
        await().atMost(DEADLINE).until(() -> fixture.count(RETRY, 0) == 1);
        ByteBuffer retry = fixture.read(RETRY, 0).get(0);
        assertThat(StoredMessage.topic(retry)).isEqualTo(RETRY);
        assertThat(StoredMessage.reconsumeTimes(retry)).isEqualTo(1);
        assertThat(StoredMessage.property(retry, "RETRY_TOPIC")).isEqualTo(TOPIC);
        assertThat(StoredMessage.property(retry, "ORIGIN_MESSAGE_ID")).endsWith(String.format("%016X", offset));
        assertThat(StoredMessage.property(retry, "UNIQ_KEY")).isEqualTo("AC11000100002A9F0000000000000001");
        assertThat(StoredMessage.property(retry, "TAGS")).isEqualTo("TagA");
        assertThat(StoredMessage.property(retry, "DELAY")).isNull();
        assertThat(new String(StoredMessage.body(retry), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(fixture.broker().topics().find(RETRY).perm).isEqualTo(6);
    }

    @Test
    void shouldCountASendBackInTheScheduleTopicAndItsDeliveryInTheRetryTopic() throws Exception {
        started();
        BrokerStats stats = fixture.broker().stats();
        long offset = sendPlain();

        RemotingCommand response = fixture.call(sendBack(offset, GROUP, 0, 16));

        assertThat(response.code()).as(response.remark()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(stats.find(BrokerStats.TOPIC_PUT_NUMS, SystemTopics.SCHEDULE)).map(StatsItem::value)
                .contains(1L);
        await().atMost(DEADLINE).until(() -> fixture.count(SystemTopics.SCHEDULE, 2) == 1);
        long parkedBytes = StoredMessage.totalSize(fixture.read(SystemTopics.SCHEDULE, 2).get(0));
        assertThat(stats.find(BrokerStats.TOPIC_PUT_SIZE, SystemTopics.SCHEDULE)).map(StatsItem::value)
                .contains(parkedBytes);
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(stats.find(BrokerStats.TOPIC_PUT_NUMS, RETRY))
                .map(StatsItem::value).contains(1L));
        assertThat(stats.find(BrokerStats.BROKER_PUT_NUMS, "DefaultCluster")).map(StatsItem::value)
                .as("the send and the delivery to the retry topic").contains(2L);
    }

    @Test
    void shouldNotCountADeadLetteredSendBackAsAPutAsApacheDoesNot() throws Exception {
        started();
        BrokerStats stats = fixture.broker().stats();
        long offset = sendPlain();

        assertThat(fixture.call(sendBack(offset, GROUP, -1, 16)).code()).isZero();

        await().atMost(DEADLINE).until(() -> fixture.count(DLQ, 0) == 1);
        assertThat(stats.find(BrokerStats.TOPIC_PUT_NUMS, DLQ)).isEmpty();
        assertThat(stats.find(BrokerStats.BROKER_PUT_NUMS, "DefaultCluster")).map(StatsItem::value).contains(1L);
    }

    @Test
    void shouldDeadLetterOnceTheMaxReconsumeTimesIsReached() throws Exception {
        started();
        long offset = sendPlain();
        assertThat(fixture.call(sendBack(offset, GROUP, 0, 1)).code()).isZero();
        await().atMost(DEADLINE).until(() -> fixture.count(RETRY, 0) == 1);
        long retryOffset = StoredMessage.physicalOffset(fixture.read(RETRY, 0).get(0));

        RemotingCommand response = fixture.call(sendBack(retryOffset, GROUP, 0, 1));

        assertThat(response.code()).as(response.remark()).isEqualTo(ResponseCode.SUCCESS);
        await().atMost(DEADLINE).until(() -> fixture.count(DLQ, 0) == 1);
        ByteBuffer dead = fixture.read(DLQ, 0).get(0);
        assertThat(StoredMessage.reconsumeTimes(dead)).isEqualTo(2);
        assertThat(StoredMessage.property(dead, "RETRY_TOPIC")).isEqualTo(TOPIC);
        assertThat(StoredMessage.property(dead, "DLQ_ORIGIN_TOPIC")).isEqualTo(TOPIC);
        assertThat(fixture.broker().topics().find(DLQ).perm).isEqualTo(6);
        assertThat(fixture.broker().topics().find(DLQ).writeQueueNums).isEqualTo(1);
    }

    @Test
    void shouldDeadLetterAtOnceForANegativeDelayLevel() throws Exception {
        started();
        long offset = sendPlain();

        assertThat(fixture.call(sendBack(offset, GROUP, -1, 16)).code()).isZero();

        await().atMost(DEADLINE).until(() -> fixture.count(DLQ, 0) == 1);
        assertThat(fixture.count(SystemTopics.SCHEDULE, 2)).isZero();
    }

    @Test
    void shouldUseTheGroupsRetryMaxTimesForOldClients() throws Exception {
        started();
        long offset = sendPlain();
        RemotingCommand old = sendBack(offset, GROUP, 0, 0).version(100);

        assertThat(fixture.call(old).code()).isZero();

        assertThat(fixture.count(DLQ, 0)).isZero();
        await().atMost(DEADLINE).until(() -> fixture.count(RETRY, 0) == 1);
    }

    @Test
    void shouldRejectAnUnknownGroupWhenAutoCreationIsOff() throws Exception {
        fixture = new DelayBrokerFixture(dir);
        fixture.config.autoCreateSubscriptionGroup = false;
        fixture.start();
        fixture.broker().topics().createIfAbsent(TOPIC, 4, 6, 0);
        long offset = sendPlain();

        RemotingCommand response = fixture.call(sendBack(offset, "Nobody", 0, 16));

        assertThat(response.code()).isEqualTo(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST);
        assertThat(response.remark()).contains("Nobody");
    }

    @Test
    void shouldAnswerAnErrorNamingAnUnknownOffset() throws Exception {
        started();
        sendPlain();

        RemotingCommand response = fixture.call(sendBack(987_654_321L, GROUP, 0, 16));

        assertThat(response.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(response.remark()).contains("987654321");
    }

    @Test
    void shouldRedirectARetrySendOverTheMaximumToTheDeadLetterQueue() throws Exception {
        started();
        RemotingCommand request = send(RETRY, 0, PROPS + "RETRY_TOPIC\u0001TopicA\u0002DELAY\u00015\u0002")
                .putExt("j", 3).putExt("l", 2);

        RemotingCommand response = fixture.call(request);

        assertThat(response.code()).as(response.remark()).isEqualTo(ResponseCode.SUCCESS);
        await().atMost(DEADLINE).until(() -> fixture.count(DLQ, 0) == 1);
        ByteBuffer dead = fixture.read(DLQ, 0).get(0);
        assertThat(StoredMessage.reconsumeTimes(dead)).isEqualTo(3);
        assertThat(StoredMessage.property(dead, "DELAY")).isEqualTo("-1");
        assertThat(fixture.count(SystemTopics.SCHEDULE, 4)).isZero();
        assertThat(fixture.count(RETRY, 0)).isZero();
    }

    @Test
    void shouldDeadLetterAtOnceARetrySendOfAGroupHoldingAQueueLockAsApache5Does() throws Exception {
        started();
        LockBatchRequestBody lock = new LockBatchRequestBody();
        lock.clientId = "10.0.0.1@orderly";
        lock.consumerGroup = GROUP;
        lock.mqSet.add(new MessageQueueBody(TOPIC, fixture.config.brokerName, 0));
        assertThat(fixture.call(RemotingCommand.request(RequestCode.LOCK_BATCH_MQ).body(JsonCodec.encode(lock)))
                .code()).isZero();
        // a 4.9.8 orderly consumer past its maxReconsumeTimes (2) sends j = 2, not above it
        RemotingCommand request = send(RETRY, 0, PROPS + "RETRY_TOPIC\u0001TopicA\u0002DELAY\u00015\u0002")
                .putExt("j", 2).putExt("l", 2);

        assertThat(fixture.call(request).code()).isZero();

        await().atMost(DEADLINE).until(() -> fixture.count(DLQ, 0) == 1);
        assertThat(fixture.count(SystemTopics.SCHEDULE, 4)).isZero();
        assertThat(fixture.count(RETRY, 0)).isZero();
    }

    @Test
    void shouldParkARetrySendWithinTheMaximum() throws Exception {
        started();
        RemotingCommand request = send(RETRY, 0, PROPS + "RETRY_TOPIC\u0001TopicA\u0002DELAY\u00011\u0002")
                .putExt("j", 2).putExt("l", 2);

        assertThat(fixture.call(request).code()).isZero();

        await().atMost(DEADLINE).until(() -> fixture.count(RETRY, 0) == 1);
        assertThat(fixture.count(DLQ, 0)).isZero();
        assertThat(StoredMessage.reconsumeTimes(fixture.read(RETRY, 0).get(0))).isEqualTo(2);
    }

    @Test
    void shouldRejectAnIllegalGroupAndCreateNothing() throws Exception {
        started();
        long offset = sendPlain();

        for (String group : new String[] {"G/1", "g".repeat(10_000)}) {
            RemotingCommand response = fixture.call(sendBack(offset, group, 0, 16));

            assertThat(response.code()).as(response.remark()).isEqualTo(ResponseCode.INVALID_PARAMETER);
            assertThat(response.remark()).contains("group name").hasSizeLessThan(600);
            assertThat(fixture.broker().topics().find(SystemTopics.RETRY_PREFIX + group)).isNull();
        }
    }
}
