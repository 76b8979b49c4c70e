package io.apogee.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageRequestMode;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The 5.4.0 push consumer popping: {@code setClientRebalance(false)} on a topic the broker serves by POP
 * ({@code DefaultMQAdminExt.setMessageRequestMode}, what {@code mqadmin setConsumeMode} sends). Two consumers of one
 * group share every queue without rebalancing, a failed message comes back after its invisible time, and a group
 * mixing a popping and a classic (client-rebalancing, pulling) consumer loses nothing (Apache's behaviour: both
 * styles work side by side, without exclusivity).
 */
class PopConsumerIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @RegisterExtension
    static final SharedServer server = new SharedServer();

    private final List<DefaultMQPushConsumer> consumers = new ArrayList<>();
    private DefaultMQProducer producer;
    private DefaultMQAdminExt admin;

    @BeforeEach
    void start() throws Exception {
        producer = TestClients.startedProducer(server.namesrvAddress());
        admin = new DefaultMQAdminExt();
        admin.setNamesrvAddr(server.namesrvAddress());
        admin.setInstanceName(UniqueName.of("admin"));
        admin.start();
    }

    @AfterEach
    void stop() {
        consumers.forEach(DefaultMQPushConsumer::shutdown);
        producer.shutdown();
        admin.shutdown();
    }

    @Test
    void shouldShareEveryQueueBetweenTwoPoppingConsumers() throws Exception {
        String topic = popTopic();
        String group = popGroup(topic);
        Map<String, List<String>> byConsumer = new ConcurrentHashMap<>();
        List<String> received = new CopyOnWriteArrayList<>();
        for (String name : List.of("one", "two")) {
            started(popping(group, topic, (batch, context) -> {
                batch.forEach(m -> {
                    received.add(m.getKeys());
                    byConsumer.computeIfAbsent(name, k -> new CopyOnWriteArrayList<>()).add(m.getKeys());
                });
                return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
            }));
        }
        awaitPopping(group, topic);

        Set<String> sent = KeyedMessages.sendOk(producer, topic, "shared", 200);

        await().atMost(PATIENCE).until(() -> received.containsAll(sent));
        assertThat(received).as("each message once").doesNotHaveDuplicates().hasSize(200);
        assertThat(byConsumer).as("both consumers popped").containsKeys("one", "two");
    }

    @Test
    void shouldRedeliverAFailedMessageAfterItsInvisibleTime() throws Exception {
        String topic = popTopic();
        String group = popGroup(topic);
        List<MessageExt> deliveries = new CopyOnWriteArrayList<>();
        started(popping(group, topic, (batch, context) -> {
            deliveries.addAll(batch);
            boolean firstTry = batch.stream().anyMatch(m -> m.getReconsumeTimes() == 0
                    && m.getKeys().equals("fails-once-0"));
            return firstTry ? ConsumeConcurrentlyStatus.RECONSUME_LATER : ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        }));
        awaitPopping(group, topic);

        KeyedMessages.sendOk(producer, topic, "fails-once", 1);

        await().atMost(PATIENCE).until(() -> deliveries.size() >= 2);
        assertThat(deliveries).extracting(MessageExt::getKeys).containsOnly("fails-once-0");
        assertThat(deliveries).extracting(MessageExt::getReconsumeTimes).containsExactly(0, 1);
        assertThat(deliveries.get(1).getMsgId()).isEqualTo(deliveries.get(0).getMsgId());
        assertThat(deliveries.get(1).getTopic()).isEqualTo(topic);
    }

    @Test
    void shouldLoseNothingWhenAPoppingAndAPullingConsumerShareAGroup() throws Exception {
        String topic = popTopic();
        String group = popGroup(topic);
        Set<String> received = ConcurrentHashMap.newKeySet();
        MessageListenerConcurrently listener = (batch, context) -> {
            batch.forEach(m -> received.add(m.getKeys()));
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        };
        started(popping(group, topic, listener));
        DefaultMQPushConsumer classic = TestClients.pushConsumer(server.namesrvAddress(), group);
        classic.subscribe(topic, "*");
        classic.registerMessageListener(listener);
        started(classic);
        awaitPopping(group, topic);

        Set<String> sent = KeyedMessages.sendOk(producer, topic, "mixed", 100);

        await().atMost(PATIENCE).until(() -> received.containsAll(sent));
    }

    private String popTopic() throws Exception {
        String topic = UniqueName.of("PopConsumerTopic");
        server.broker().topics().createIfAbsent(topic, 4, 6, 0);
        // announced to the name server, so the producer's first send routes to these queues, not TBW102's
        server.broker().topics().ready(topic).get(30, TimeUnit.SECONDS);
        return topic;
    }

    /** A group whose consumption of {@code topic} the broker serves by POP. */
    private String popGroup(String topic) throws Exception {
        String group = UniqueName.of("GID_POP_PUSH");
        server.broker().consumeSide().subscriptionGroups().findOrCreate(group);
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> admin.setMessageRequestMode(
                server.broker().address(), topic, group, MessageRequestMode.POP, -1, 5_000));
        return group;
    }

    private DefaultMQPushConsumer popping(String group, String topic, MessageListenerConcurrently listener)
            throws Exception {
        DefaultMQPushConsumer consumer = TestClients.pushConsumer(server.namesrvAddress(), group);
        consumer.setClientRebalance(false);
        consumer.setPopInvisibleTime(5_000);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener(listener);
        return consumer;
    }

    private void started(DefaultMQPushConsumer consumer) throws Exception {
        consumer.start();
        consumers.add(consumer);
    }

    /** Until the group's popping consumers hold POP assignments (their first pops are then on their way). */
    @SuppressWarnings("deprecation")
    private void awaitPopping(String group, String topic) {
        await().atMost(PATIENCE).until(() -> consumers.stream().filter(c -> !c.isClientRebalance()).allMatch(c ->
                c.getDefaultMQPushConsumerImpl().getRebalanceImpl().getPopProcessQueueTable().keySet().stream()
                        .anyMatch(mq -> mq.getTopic().equals(topic))));
        assertThat(server.broker().consumeSide().clients().consumerGroup(group)).isNotNull();
    }
}
