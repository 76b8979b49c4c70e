package io.apogee.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageAccessor;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.Test;

/**
 * Pending timers survive a {@code kill -9} of the broker (a child process): every timer acknowledged before the kill
 * is delivered after the restart, once, and not before its millisecond. The broker allows 50-day delays
 * ({@code timerMaxDelaySec}), so a 40-day timer is accepted here (TimerMessageIT shows the default refusing it).
 */
class TimerCrashIT extends ChildBrokerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final int TIMERS = 300;

    @Test
    void shouldDeliverEveryPendingTimerOnceAfterKillMinus9() throws Exception {
        Path config = writeBrokerConfig("TimerCrashCluster", "ASYNC_FLUSH", "timerMaxDelaySec=" + 50L * 24 * 3600);
        ChildBroker broker = track(ChildBroker.start(config, namesrvAddress, workDir.resolve("broker-1.log")));
        String topic = UniqueName.of("TimerCrashTopic");
        DefaultMQProducer producer = TestClients.startedProducer(namesrvAddress);
        track(producer::shutdown);
        producer.send(KeyedMessages.message(topic, "TagA", "create-topic"));
        Message far = KeyedMessages.message(topic, "TagA", "forty-days");
        MessageAccessor.putProperty(far, "TIMER_DELAY_SEC", Long.toString(40L * 24 * 3600));
        assertThat(producer.send(far).getSendStatus()).as("accepted with timerMaxDelaySec of 50 days")
                .isEqualTo(SendStatus.SEND_OK);
        long base = System.currentTimeMillis() + 6_000;
        for (int i = 0; i < TIMERS; i++) {
            Message m = KeyedMessages.message(topic, "TagA", "timer-" + i);
            MessageAccessor.putProperty(m, "TIMER_DELIVER_MS", Long.toString(base + i * 10L));
            assertThat(producer.send(m).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
        }

        broker.kill();
        track(ChildBroker.start(config, namesrvAddress, workDir.resolve("broker-2.log")));

        List<MessageExt> received = new CopyOnWriteArrayList<>();
        Map<String, Long> receivedAt = new ConcurrentHashMap<>();
        DefaultMQPushConsumer consumer = TestClients.pushConsumer(namesrvAddress, UniqueName.of("TimerCrashGroup"));
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (batch, context) -> {
            long now = System.currentTimeMillis();
            for (MessageExt m : batch) {
                if (m.getKeys().startsWith("timer-")) {
                    received.add(m);
                    receivedAt.putIfAbsent(m.getKeys(), now);
                }
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        track(consumer::shutdown);

        await().atMost(PATIENCE).until(() -> receivedAt.size() == TIMERS);
        assertThat(received).extracting(MessageExt::getMsgId).doesNotHaveDuplicates();
        for (MessageExt m : received) {
            long due = Long.parseLong(m.getProperty("TIMER_DELIVER_MS"));
            assertThat(m.getStoreTimestamp()).as("%s stored for delivery not before it was due", m.getKeys())
                    .isGreaterThanOrEqualTo(due);
        }
        assertThat(receivedAt).doesNotContainKey("forty-days");
    }
}
