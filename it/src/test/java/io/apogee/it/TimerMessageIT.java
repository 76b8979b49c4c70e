package io.apogee.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.MQVersion;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageAccessor;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Exact-time (5.x timer) messages with the real clients: the timer properties are set as {@code
 * Message.setDelayTimeMs} / {@code setDelayTimeSec} set them (through MessageAccessor, so the test compiles against
 * 4.9.8 too; the broker sees the same frames). Recall is a 5.x API, reached by reflection and skipped on 4.9.8. The
 * seven-minute, rolled and restarted timers run on a moved clock in the broker's TimerServiceTest; a kill -9 with
 * pending timers is TimerCrashIT.
 */
class TimerMessageIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @RegisterExtension
    static final SharedServer server = new SharedServer();

    private DefaultMQProducer producer;
    private DefaultMQPushConsumer consumer;
    private final Map<String, MessageExt> received = new ConcurrentHashMap<>();
    private final Map<String, Long> receivedAt = new ConcurrentHashMap<>();

    @BeforeEach
    void startProducer() throws Exception {
        producer = TestClients.startedProducer(server.namesrvAddress());
    }

    @AfterEach
    void stopClients() {
        if (consumer != null) {
            consumer.shutdown();
        }
        producer.shutdown();
    }

    @Test
    void shouldDeliverOneSecondTimersAtTheirMillisecond() throws Exception {
        String topic = subscribedTopic();
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        for (int i = 0; i < 50; i++) {
            Message m = KeyedMessages.message(topic, "TagA", "timer-" + i);
            MessageAccessor.putProperty(m, "TIMER_DELAY_MS", "1000");
            sentAt.put("timer-" + i, System.currentTimeMillis());
            assertThat(producer.send(m).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
        }

        await().atMost(PATIENCE).until(() -> received.keySet().containsAll(sentAt.keySet()));
        for (String key : sentAt.keySet()) {
            MessageExt m = received.get(key);
            long due = Long.parseLong(m.getProperty("TIMER_OUT_MS"));
            assertThat(due - sentAt.get(key)).as("due one second after the send").isBetween(1_000L, 1_200L);
            // never early; the ±100 ms figure under load is bench/timers.sh's (a loaded CI machine may pause longer)
            assertThat(m.getStoreTimestamp() - due).as("%s stored for delivery (ms after due)", key)
                    .isBetween(0L, 499L);
            assertThat(receivedAt.get(key)).as("not received before it was due").isGreaterThanOrEqualTo(due);
        }
        PrometheusScrape metrics = PrometheusScrape.of(server.broker().metricsPort());
        assertThat(metrics.value("apogee_timer_delivered_total")).isGreaterThanOrEqualTo(50.0);
        assertThat(metrics.value("apogee_timer_lag_seconds")).isLessThan(5.0);
    }

    @Test
    void shouldRefuseAFortyDayTimerByDefaultNamingTheLimit() throws Exception {
        String topic = UniqueName.of("TimerItTopic");
        producer.send(KeyedMessages.message(topic, "TagA", "create-topic"));
        Message m = KeyedMessages.message(topic, "TagA", "forty-days");
        MessageAccessor.putProperty(m, "TIMER_DELAY_SEC", Long.toString(40L * 24 * 3600));

        assertThatThrownBy(() -> producer.send(m)).isInstanceOf(MQBrokerException.class)
                .satisfies(e -> assertThat(((MQBrokerException) e).getResponseCode()).isEqualTo(13))
                .hasMessageContaining("TIMER_DELAY_SEC=3456000").hasMessageContaining("timerMaxDelaySec");
    }

    @Test
    void shouldNotDeliverARecalledTimer() throws Exception {
        assumeTrue(MQVersion.getVersionDesc(MQVersion.CURRENT_VERSION).startsWith("V5_"),
                "recallMessage is a 5.x client API");
        String topic = subscribedTopic();
        Message recalled = KeyedMessages.message(topic, "TagA", "recalled");
        MessageAccessor.putProperty(recalled, "TIMER_DELAY_MS", "3000");
        SendResult result = producer.send(recalled);
        Message sentinel = KeyedMessages.message(topic, "TagA", "sentinel");
        MessageAccessor.putProperty(sentinel, "TIMER_DELAY_MS", "3500");
        producer.send(sentinel);

        String handle = (String) SendResult.class.getMethod("getRecallHandle").invoke(result);
        Object msgId = DefaultMQProducer.class.getMethod("recallMessage", String.class, String.class)
                .invoke(producer, topic, handle);

        assertThat(msgId).isEqualTo(result.getMsgId());
        await().atMost(PATIENCE).until(() -> received.containsKey("sentinel"));
        assertThat(received).as("the sentinel was due later than the recalled message").doesNotContainKey("recalled");
    }

    /** A fresh topic with a started push consumer recording what it receives by key. */
    private String subscribedTopic() throws Exception {
        String topic = UniqueName.of("TimerItTopic");
        producer.send(KeyedMessages.message(topic, "TagA", "create-topic"));
        consumer = TestClients.pushConsumer(server.namesrvAddress(), UniqueName.of("TimerItGroup"));
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently)
                (batch, context) -> {
                    long now = System.currentTimeMillis();
                    for (MessageExt m : batch) {
                        received.putIfAbsent(m.getKeys(), m);
                        receivedAt.putIfAbsent(m.getKeys(), now);
                    }
                    return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
                });
        consumer.start();
        await().atMost(PATIENCE).until(() -> received.containsKey("create-topic"));
        return topic;
    }
}
