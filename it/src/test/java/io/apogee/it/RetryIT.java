package io.apogee.it;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Delay levels, consumer retries (CONSUMER_SEND_MSG_BACK) and dead letters with the real clients, against a
 * broker whose delay levels are short ({@value #LEVELS}): level 2 is 1 s, the first retry (level 3) 500 ms.
 * Consumers keep the clients' default timers (route poll 30 s, rebalance 20 s): the retry topic is created by the
 * group's first heartbeat, after the client's first route look-up, and must still be consumed at once.
 */
class RetryIT {

    private static final String LEVELS = "200ms 1s 500ms 500ms 500ms 500ms 500ms 500ms 500ms 500ms 500ms 500ms "
            + "500ms 500ms 500ms 500ms 500ms 500ms";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @RegisterExtension
    static final SharedServer server = new SharedServer(broker -> broker.messageDelayLevel = LEVELS, store -> { });

    private DefaultMQProducer producer;
    private final List<DefaultMQPushConsumer> consumers = new ArrayList<>();

    @BeforeEach
    void startProducer() throws Exception {
        producer = TestClients.startedProducer(server.namesrvAddress());
    }

    @AfterEach
    void stopClients() {
        consumers.forEach(DefaultMQPushConsumer::shutdown);
        producer.shutdown();
    }

    /** One delivery seen by a listener. */
    private record Delivery(String topic, int reconsumeTimes, long atMillis) {
    }

    @Test
    void shouldRedeliverAMessageWhoseFirstConsumptionFailedAfterTheRetryDelay() throws Exception {
        String topic = UniqueName.of("RetryItTopic");
        String group = UniqueName.of("RetryItGroup");
        producer.send(KeyedMessages.message(topic, "TagA", "create-topic"));
        List<Delivery> deliveries = new CopyOnWriteArrayList<>();
        start(consumer(group, topic, (batch, context) -> {
            MessageExt m = batch.get(0);
            if (!"retry-once".equals(m.getKeys())) {
                return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
            }
            deliveries.add(new Delivery(m.getTopic(), m.getReconsumeTimes(), System.currentTimeMillis()));
            return deliveries.size() == 1 ? ConsumeConcurrentlyStatus.RECONSUME_LATER
                    : ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        }));

        assertThat(producer.send(KeyedMessages.message(topic, "TagA", "retry-once")).getSendStatus())
                .isEqualTo(SendStatus.SEND_OK);

        await().atMost(PATIENCE).until(() -> deliveries.size() >= 2);
        assertThat(deliveries.get(0).reconsumeTimes()).isZero();
        assertThat(deliveries.get(1).reconsumeTimes()).isEqualTo(1);
        assertThat(deliveries.get(1).topic()).as("original topic restored by the client").isEqualTo(topic);
        assertThat(deliveries.get(1).atMillis() - deliveries.get(0).atMillis())
                .as("first retry waits for delay level 3 (500 ms), and not for the client's next 20 s rebalance")
                .isBetween(500L, 5_000L);
    }

    @Test
    void shouldDeliverADelayLevelMessageOnlyAfterItsDelay() throws Exception {
        String topic = UniqueName.of("DelayItTopic");
        String group = UniqueName.of("DelayItGroup");
        producer.send(KeyedMessages.message(topic, "TagA", "create-topic"));
        List<Delivery> deliveries = new CopyOnWriteArrayList<>();
        start(consumer(group, topic, (batch, context) -> {
            for (MessageExt m : batch) {
                if ("delayed".equals(m.getKeys())) {
                    deliveries.add(new Delivery(m.getTopic(), m.getReconsumeTimes(), System.currentTimeMillis()));
                }
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        }));
        Message message = KeyedMessages.message(topic, "TagA", "delayed");
        message.setDelayTimeLevel(2);

        long sentAt = System.currentTimeMillis();
        SendResult result = producer.send(message);

        assertThat(result.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
        await().atMost(PATIENCE).until(() -> !deliveries.isEmpty());
        assertThat(deliveries.get(0).topic()).isEqualTo(topic);
        assertThat(deliveries.get(0).atMillis() - sentAt).as("delivered after level 2 (1 s)")
                .isGreaterThanOrEqualTo(1_000);
    }

    @Test
    void shouldDeadLetterAMessageThatKeepsFailing() throws Exception {
        String topic = UniqueName.of("DeadItTopic");
        String group = UniqueName.of("DeadItGroup");
        producer.send(KeyedMessages.message(topic, "TagA", "create-topic"));
        List<Delivery> deliveries = new CopyOnWriteArrayList<>();
        DefaultMQPushConsumer consumer = consumer(group, topic, (batch, context) -> {
            MessageExt m = batch.get(0);
            if (!"poison".equals(m.getKeys())) {
                return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
            }
            deliveries.add(new Delivery(m.getTopic(), m.getReconsumeTimes(), System.currentTimeMillis()));
            return ConsumeConcurrentlyStatus.RECONSUME_LATER;
        });
        consumer.setMaxReconsumeTimes(1);
        start(consumer);

        producer.send(KeyedMessages.message(topic, "TagA", "poison"));

        await().atMost(PATIENCE).until(() -> server.broker().store().maxOffsetInQueue("%DLQ%" + group, 0) == 1);
        assertThat(deliveries).extracting(Delivery::reconsumeTimes).containsExactly(0, 1);
    }

    private DefaultMQPushConsumer consumer(String group, String topic, MessageListenerConcurrently listener)
            throws Exception {
        DefaultMQPushConsumer consumer = TestClients.pushConsumer(server.namesrvAddress(), group);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener(listener);
        return consumer;
    }

    private DefaultMQPushConsumer start(DefaultMQPushConsumer consumer) throws Exception {
        consumers.add(consumer);
        consumer.start();
        return consumer;
    }
}
