package io.apogee.broker.timer;

import static io.apogee.broker.schedule.DelayBrokerFixture.PROPS;
import static io.apogee.broker.schedule.DelayBrokerFixture.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.broker.schedule.DelayBrokerFixture;
import io.apogee.broker.topic.SystemTopics;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ResponseCode;
import io.apogee.store.StoredMessage;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Timer messages through a whole broker: the send answer, delivery on the wall clock, RECALL_MESSAGE. */
class TimerBrokerTest {

    private static final String TOPIC = "TimerTopicA";
    private static final String UNIQ = "AC11000100002A9F0000000000000001";
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private DelayBrokerFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new DelayBrokerFixture(dir);
        fixture.storeConfig.timerMaxDelaySec = 3_600;
        fixture.start();
        fixture.broker().topics().createIfAbsent(TOPIC, 4, 6, 0);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void shouldParkATimerAnswerWithItsRecallHandleAndDeliverItNotBeforeItsMillisecond() throws Exception {
        long sent = System.currentTimeMillis();
        RemotingCommand response = fixture.call(send(TOPIC, 2, PROPS + "TIMER_DELAY_MS\u0001700\u0002"));

        assertThat(response.code()).as(response.remark()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(response.ext("queueId")).isEqualTo("2");
        RecallHandle handle = RecallHandle.decode(response.ext("recallHandle")).orElseThrow();
        assertThat(handle.topic()).isEqualTo(TOPIC);
        assertThat(handle.brokerName()).isEqualTo("broker-a");
        assertThat(handle.uniqKey()).isEqualTo(UNIQ);
        assertThat(handle.deliverMs()).isBetween(sent + 700, System.currentTimeMillis() + 700);
        await().atMost(DEADLINE).until(() -> fixture.count(SystemTopics.WHEEL_TIMER, 0) == 1);

        await().atMost(DEADLINE).until(() -> fixture.count(TOPIC, 2) == 1);

        ByteBuffer delivered = fixture.read(TOPIC, 2).get(0);
        assertThat(StoredMessage.storeTimestamp(delivered)).isGreaterThanOrEqualTo(handle.deliverMs());
        assertThat(StoredMessage.property(delivered, "TIMER_OUT_MS")).isEqualTo(Long.toString(handle.deliverMs()));
        assertThat(StoredMessage.property(delivered, "UNIQ_KEY")).isEqualTo(UNIQ);
    }

    @Test
    void shouldRecallAPendingTimer() throws Exception {
        RemotingCommand sent = fixture.call(send(TOPIC, 1, PROPS + "TIMER_DELAY_SEC\u00012\u0002"));

        RemotingCommand recall = fixture.call(recall(TOPIC, sent.ext("recallHandle")));

        assertThat(recall.code()).as(recall.remark()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(recall.ext("msgId")).isEqualTo(UNIQ);
        await().atMost(DEADLINE).until(() -> fixture.broker().timers().recalled() == 1);
        assertThat(fixture.count(TOPIC, 1)).isZero();
    }

    @Test
    void shouldRefuseRecallsThatCannotMatchAPendingTimerNamingWhy() throws Exception {
        String handle = fixture.call(send(TOPIC, 1, PROPS + "TIMER_DELAY_SEC\u000130\u0002")).ext("recallHandle");
        fixture.broker().topics().createIfAbsent("OtherTopic", 1, 6, 0);

        assertRefused(recall("OtherTopic", handle), ResponseCode.ILLEGAL_OPERATION, "topic not match");
        assertRefused(recall(TOPIC, "bm90IGEgaGFuZGxl"), ResponseCode.ILLEGAL_OPERATION, "recall handle is invalid");
        assertRefused(recall(TOPIC, RecallHandle.encode(TOPIC, "broker-b", System.currentTimeMillis() + 9_000, UNIQ)),
                ResponseCode.ILLEGAL_OPERATION, "broker-b");
        assertRefused(recall(TOPIC, RecallHandle.encode(TOPIC, "broker-a", System.currentTimeMillis() - 1, UNIQ)),
                ResponseCode.ILLEGAL_OPERATION, "timestamp invalid");
        assertRefused(recall("NoSuchTopic", handle), ResponseCode.TOPIC_NOT_EXIST, "NoSuchTopic");
    }

    @Test
    void shouldRefuseADelayBeyondTimerMaxDelaySecNamingTheValueAndTheKey() throws Exception {
        RemotingCommand response = fixture.call(send(TOPIC, 0, PROPS + "TIMER_DELAY_SEC\u00013601\u0002"));

        assertThat(response.code()).isEqualTo(ResponseCode.MESSAGE_ILLEGAL);
        assertThat(response.remark()).contains("TIMER_DELAY_SEC=3601").contains("timerMaxDelaySec");
    }

    @Test
    void shouldLetADelayLevelWinOverTimerProperties() throws Exception {
        RemotingCommand response = fixture.call(send(TOPIC, 0,
                PROPS + "DELAY\u00011\u0002TIMER_DELAY_SEC\u000160\u0002"));

        assertThat(response.code()).as(response.remark()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(response.ext("recallHandle")).isNull();
        await().atMost(DEADLINE).until(() -> fixture.count(TOPIC, 0) == 1);
    }

    private void assertRefused(RemotingCommand request, int code, String remark) throws Exception {
        RemotingCommand response = fixture.call(request);
        assertThat(response.code()).as(response.remark()).isEqualTo(code);
        assertThat(response.remark()).contains(remark);
    }

    private static RemotingCommand recall(String topic, String handle) {
        return RemotingCommand.request(RequestCode.RECALL_MESSAGE).putExt("producerGroup", "PG1")
                .putExt("topic", topic).putExt("recallHandle", handle).putExt("bname", "broker-a");
    }
}
