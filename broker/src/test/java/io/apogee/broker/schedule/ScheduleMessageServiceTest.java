package io.apogee.broker.schedule;

import static io.apogee.broker.schedule.DelayBrokerFixture.PROPS;
import static io.apogee.broker.schedule.DelayBrokerFixture.send;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScheduleMessageServiceTest {

    private static final String TOPIC = "TopicA";
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private DelayBrokerFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new DelayBrokerFixture(dir);
        fixture.config.messageDelayLevel = "100ms 1s 300ms";
        fixture.storeConfig.timerWheelEnable = false; // timers become levels (TimerBrokerTest covers the wheel)
        fixture.start();
        fixture.broker().topics().createIfAbsent(TOPIC, 4, 6, 0);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void shouldCreateTheScheduleTopicWithOneQueuePerLevel() {
        assertThat(fixture.broker().topics().find(SystemTopics.SCHEDULE).writeQueueNums).isEqualTo(3);
        assertThat(fixture.broker().topics().find(SystemTopics.SCHEDULE).perm).isEqualTo(6);
    }

    @Test
    void shouldParkDelayedSendAndDeliverItToTheRealTopicAfterTheDelay() throws Exception {
        RemotingCommand response = fixture.call(send(TOPIC, 1, PROPS + "DELAY\u00012\u0002"));

        assertThat(response.code()).as(response.remark()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(response.ext("queueId")).isEqualTo("1");
        assertThat(response.ext("queueOffset")).isEqualTo("0");
        await().atMost(DEADLINE).until(() -> fixture.count(SystemTopics.SCHEDULE, 1) == 1);
        assertThat(fixture.count(TOPIC, 1)).as("visible before the 1 s delay").isZero();
        ByteBuffer parked = fixture.read(SystemTopics.SCHEDULE, 1).get(0);
        assertThat(StoredMessage.property(parked, "REAL_TOPIC")).isEqualTo(TOPIC);
        assertThat(StoredMessage.property(parked, "REAL_QID")).isEqualTo("1");

        await().atMost(DEADLINE).until(() -> fixture.count(TOPIC, 1) == 1);

        ByteBuffer delivered = fixture.read(TOPIC, 1).get(0);
        assertThat(StoredMessage.topic(delivered)).isEqualTo(TOPIC);
        assertThat(StoredMessage.queueId(delivered)).isEqualTo(1);
        assertThat(new String(StoredMessage.body(delivered), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(StoredMessage.property(delivered, "KEYS")).isEqualTo("KeyA");
        assertThat(StoredMessage.property(delivered, "TAGS")).isEqualTo("TagA");
        assertThat(StoredMessage.property(delivered, "UNIQ_KEY")).isEqualTo("AC11000100002A9F0000000000000001");
        assertThat(StoredMessage.property(delivered, "DELAY")).isNull();
        assertThat(StoredMessage.property(delivered, "REAL_TOPIC")).isNull();
        assertThat(StoredMessage.property(delivered, "REAL_QID")).isNull();
        assertThat(StoredMessage.bornTimestamp(delivered)).isEqualTo(StoredMessage.bornTimestamp(parked));
        assertThat(StoredMessage.storeTimestamp(delivered) - StoredMessage.storeTimestamp(parked))
                .isGreaterThanOrEqualTo(1_000);
    }

    @Test
    void shouldCountADelayedMessageWhenItIsDelivered() throws Exception {
        BrokerStats stats = fixture.broker().stats();

        RemotingCommand response = fixture.call(send(TOPIC, 1, PROPS + "DELAY\u00011\u0002"));

        assertThat(response.code()).as(response.remark()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(stats.find(BrokerStats.TOPIC_PUT_NUMS, SystemTopics.SCHEDULE)).map(StatsItem::value)
                .contains(1L);
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(stats.find(BrokerStats.TOPIC_PUT_NUMS, TOPIC))
                .map(StatsItem::value).contains(1L));
        await().atMost(DEADLINE).until(() -> fixture.count(TOPIC, 1) == 1);
        long deliveredBytes = StoredMessage.totalSize(fixture.read(TOPIC, 1).get(0));
        assertThat(stats.find(BrokerStats.TOPIC_PUT_SIZE, TOPIC)).map(StatsItem::value).contains(deliveredBytes);
        assertThat(stats.find(BrokerStats.BROKER_PUT_NUMS, "DefaultCluster")).map(StatsItem::value)
                .as("the delivery only: the parked copy is in a system topic").contains(1L);
    }

    @Test
    void shouldClampALevelAboveTheHighestToTheHighest() throws Exception {
        RemotingCommand response = fixture.call(send(TOPIC, 0, PROPS + "DELAY\u000199\u0002"));

        assertThat(response.code()).as(response.remark()).isEqualTo(ResponseCode.SUCCESS);
        await().atMost(DEADLINE).until(() -> fixture.count(SystemTopics.SCHEDULE, 2) == 1);
        assertThat(StoredMessage.property(fixture.read(SystemTopics.SCHEDULE, 2).get(0), "DELAY")).isEqualTo("3");
        await().atMost(DEADLINE).until(() -> fixture.count(TOPIC, 0) == 1);
    }

    @Test
    void shouldMapTimerDelayToTheSmallestSufficientLevelWithoutTheTimerWheel() throws Exception {
        RemotingCommand response = fixture.call(send(TOPIC, 2, PROPS + "TIMER_DELAY_MS\u0001250\u0002"));

        assertThat(response.code()).as(response.remark()).isEqualTo(ResponseCode.SUCCESS);
        await().atMost(DEADLINE).until(() -> fixture.count(SystemTopics.SCHEDULE, 2) == 1);
        await().atMost(DEADLINE).until(() -> fixture.count(TOPIC, 2) == 1);
    }

    @Test
    void shouldStoreAPastDeliverTimeDirectly() throws Exception {
        long past = System.currentTimeMillis() - 60_000;
        RemotingCommand response = fixture.call(send(TOPIC, 3, PROPS + "TIMER_DELIVER_MS\u0001" + past + "\u0002"));

        assertThat(response.code()).as(response.remark()).isEqualTo(ResponseCode.SUCCESS);
        await().atMost(DEADLINE).until(() -> fixture.count(TOPIC, 3) == 1);
        assertThat(fixture.count(SystemTopics.SCHEDULE, 0)).isZero();
    }

    @Test
    void shouldRejectATimerDelayLongerThanTheLongestLevelNamingIt() throws Exception {
        RemotingCommand response = fixture.call(send(TOPIC, 0, PROPS + "TIMER_DELAY_SEC\u00013600\u0002"));

        assertThat(response.code()).isEqualTo(ResponseCode.MESSAGE_ILLEGAL);
        assertThat(response.remark()).contains("TIMER_DELAY_SEC=3600");
    }

    @Test
    void shouldRejectANonNumericDelayNamingIt() throws Exception {
        RemotingCommand response = fixture.call(send(TOPIC, 0, PROPS + "DELAY\u0001soon\u0002"));

        assertThat(response.code()).isEqualTo(ResponseCode.MESSAGE_ILLEGAL);
        assertThat(response.remark()).contains("DELAY='soon'");
    }

    @Test
    void shouldRefuseDirectSendsToTheScheduleTopic() throws Exception {
        RemotingCommand response = fixture.call(send(SystemTopics.SCHEDULE, 0, PROPS));

        assertThat(response.code()).isEqualTo(ResponseCode.NO_PERMISSION);
        assertThat(response.remark()).contains("SCHEDULE_TOPIC_XXXX");
    }

    @Test
    void shouldKeepDeliveryOffsetsAcrossRestartWithoutRedelivering() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(fixture.call(send(TOPIC, 0, PROPS + "DELAY\u00011\u0002")).code()).isZero();
        }
        await().atMost(DEADLINE).until(() -> fixture.count(TOPIC, 0) == 3);
        await().atMost(DEADLINE).until(() -> fixture.broker().schedule().offsetOf(1) == 3);
        fixture.stopBroker();
        assertThat(Files.readString(dir.resolve("config").resolve("delayOffset.json")))
                .contains("\"offsetTable\"").contains("\"1\":3");

        fixture.start();
        assertThat(fixture.broker().schedule().offsetOf(1)).isEqualTo(3);
        assertThat(fixture.call(send(TOPIC, 0, "KEYS\u0001Last\u0002DELAY\u00011\u0002")).code()).isZero();
        // delivery and dispatch are in order: a re-delivered earlier message would land before "Last"
        await().atMost(DEADLINE).until(() -> fixture.read(TOPIC, 0).stream()
                .anyMatch(r -> "Last".equals(StoredMessage.property(r, "KEYS"))));

        assertThat(fixture.count(TOPIC, 0)).isEqualTo(4);
        await().atMost(DEADLINE).until(() -> fixture.broker().schedule().offsetOf(1) == 4);
    }
}
