package io.apogee.it;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.ConsumeOrderlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.consumer.listener.MessageListenerOrderly;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real push consumer against Apogee: load balancing, broadcasting, tag filters, start positions, redelivery
 * after a failed consumption and orderly consumption.
 */
class PushConsumerIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @RegisterExtension
    static final SharedServer server = new SharedServer();

    private DefaultMQProducer producer;
    private final List<DefaultMQPushConsumer> consumers = new ArrayList<>();

    @BeforeEach
    void startProducer() throws Exception {
        producer = TestClients.producer(server.namesrvAddress());
        producer.setDefaultTopicQueueNums(8);
        producer.start();
    }

    @AfterEach
    void stopClients() {
        consumers.forEach(DefaultMQPushConsumer::shutdown);
        producer.shutdown();
    }

    @Test
    void shouldSplitMessagesDisjointlyBetweenTwoClusteringConsumersOfOneGroup() throws Exception {
        String topic = UniqueName.of("ClusterTopic");
        String group = UniqueName.of("ClusterGroup");
        producer.send(KeyedMessages.message(topic, "TagA", "seed"));
        ReceivedMessages first = new ReceivedMessages();
        ReceivedMessages second = new ReceivedMessages();
        assertThat(producer.fetchPublishMessageQueues(topic)).as("queues of the topic").hasSize(8);
        DefaultMQPushConsumer consumerA = start(consumer(group, topic, "*", first));
        DefaultMQPushConsumer consumerB = start(consumer(group, topic, "*", second));
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(ConsumerModes.ownedQueues(consumerA, topic)).as("queues of consumer A").isEqualTo(4);
            assertThat(ConsumerModes.ownedQueues(consumerB, topic)).as("queues of consumer B").isEqualTo(4);
        });

        List<Message> messages = KeyedMessages.batch(topic, "TagA", "cluster", 80);
        sendAll(messages);

        Set<String> sent = KeyedMessages.keys(messages);
        await().atMost(PATIENCE).until(() -> union(first.keys(), second.keys()).containsAll(sent));
        Set<String> both = new HashSet<>(first.keys());
        both.retainAll(second.keys());
        both.remove("seed");
        assertThat(both).as("keys delivered to both consumers").isEmpty();
        assertThat(first.keys()).as("consumer A got a share").isNotEmpty();
        assertThat(second.keys()).as("consumer B got a share").isNotEmpty();
        Set<String> received = union(first.keys(), second.keys());
        received.remove("seed");
        assertThat(received).isEqualTo(sent);
        assertThat(first.duplicates()).doesNotContainKeys(sent.toArray(String[]::new));
        assertThat(second.duplicates()).doesNotContainKeys(sent.toArray(String[]::new));
    }

    @Test
    void shouldDeliverEveryMessageToEachBroadcastingConsumer() throws Exception {
        String topic = UniqueName.of("BroadcastTopic");
        String group = UniqueName.of("BroadcastGroup");
        List<Message> messages = KeyedMessages.batch(topic, "TagA", "broadcast", 20);
        sendAll(messages);
        ReceivedMessages first = new ReceivedMessages();
        ReceivedMessages second = new ReceivedMessages();
        DefaultMQPushConsumer consumerA = consumer(group, topic, "*", first);
        DefaultMQPushConsumer consumerB = consumer(group, topic, "*", second);
        for (DefaultMQPushConsumer consumer : List.of(consumerA, consumerB)) {
            ConsumerModes.broadcasting(consumer);
            consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        }

        start(consumerA);
        start(consumerB);

        Set<String> sent = KeyedMessages.keys(messages);
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(first.keys()).as("consumer A").containsAll(sent);
            assertThat(second.keys()).as("consumer B").containsAll(sent);
        });
    }

    @Test
    void shouldDeliverOnlyTheSubscribedTags() throws Exception {
        String topic = UniqueName.of("TagTopic");
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            messages.add(KeyedMessages.message(topic, "TagA", "a-" + i));
            messages.add(KeyedMessages.message(topic, "TagB", "b-" + i));
            messages.add(KeyedMessages.message(topic, "TagC", "c-" + i));
        }
        sendAll(messages);
        ReceivedMessages received = new ReceivedMessages();
        DefaultMQPushConsumer consumer = consumer(UniqueName.of("TagGroup"), topic, "TagA || TagB", received);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);

        start(consumer);

        Set<String> wanted = new HashSet<>();
        messages.stream().filter(m -> !m.getTags().equals("TagC")).forEach(m -> wanted.add(m.getKeys()));
        await().atMost(PATIENCE).until(() -> received.keys().containsAll(wanted));
        assertThat(received.tags()).containsExactlyInAnyOrder("TagA", "TagB");
        assertThat(received.keys()).isEqualTo(wanted);
    }

    @Test
    void shouldDeliverOldMessagesWhenConsumingFromFirstOffset() throws Exception {
        String topic = UniqueName.of("FirstOffsetTopic");
        List<Message> old = KeyedMessages.batch(topic, "TagA", "old", 20);
        sendAll(old);
        ReceivedMessages received = new ReceivedMessages();
        DefaultMQPushConsumer consumer = consumer(UniqueName.of("FirstGroup"), topic, "*", received);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);

        start(consumer);

        await().atMost(PATIENCE).until(() -> received.keys().containsAll(KeyedMessages.keys(old)));
    }

    @Test
    void shouldDeliverOnlyNewMessagesToANewGroupConsumingFromLastOffset() throws Exception {
        String topic = UniqueName.of("LastOffsetTopic");
        List<Message> before = KeyedMessages.batch(topic, "TagA", "before", 20);
        sendAll(before);
        ReceivedMessages received = new ReceivedMessages();
        DefaultMQPushConsumer consumer = consumer(UniqueName.of("LastGroup"), topic, "*", received);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET);
        start(consumer);
        int queues = producer.fetchPublishMessageQueues(topic).size();
        await().atMost(PATIENCE).until(() -> ConsumerModes.ownedQueues(consumer, topic) == queues);

        List<Message> after = KeyedMessages.batch(topic, "TagA", "after", 20);
        sendAll(after);

        await().atMost(PATIENCE).until(() -> received.keys().containsAll(KeyedMessages.keys(after)));
        assertThat(received.keys()).as("messages sent before the group existed").isEqualTo(KeyedMessages.keys(after));
    }

    @Test
    void shouldDeliverOnlyMessagesStoredAfterTheConsumeTimestamp() throws Exception {
        String topic = UniqueName.of("TimestampTopic");
        List<Message> earlier = KeyedMessages.batch(topic, "TagA", "earlier", 20);
        sendAll(earlier);
        long boundary = ClockBoundary.passNextWholeSecond();
        List<Message> later = KeyedMessages.batch(topic, "TagA", "later", 20);
        sendAll(later);
        ReceivedMessages received = new ReceivedMessages();
        DefaultMQPushConsumer consumer = consumer(UniqueName.of("TimeGroup"), topic, "*", received);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_TIMESTAMP);
        consumer.setConsumeTimestamp(ClockBoundary.consumeTimestamp(boundary));

        start(consumer);

        await().atMost(PATIENCE).until(() -> received.keys().containsAll(KeyedMessages.keys(later)));
        assertThat(received.keys()).as("messages stored before the timestamp").isEqualTo(KeyedMessages.keys(later));
    }

    @Test
    void shouldRedeliverMessagesWhoseConsumptionFailed() throws Exception {
        String topic = UniqueName.of("RetryTopic");
        List<Message> messages = KeyedMessages.batch(topic, "TagA", "retry", 3);
        sendAll(messages);
        Map<String, List<Integer>> reconsumeTimesByKey = new ConcurrentHashMap<>();
        DefaultMQPushConsumer consumer = TestClients.pushConsumer(server.namesrvAddress(), UniqueName.of("RetryGroup"));
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (batch, context) -> {
            MessageExt message = batch.get(0);
            List<Integer> deliveries = reconsumeTimesByKey.computeIfAbsent(message.getKeys(),
                    k -> new CopyOnWriteArrayList<>());
            deliveries.add(message.getReconsumeTimes());
            return deliveries.size() == 1 ? ConsumeConcurrentlyStatus.RECONSUME_LATER
                    : ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });

        start(consumer);

        await().atMost(PATIENCE).untilAsserted(() -> {
            for (String key : KeyedMessages.keys(messages)) {
                assertThat(reconsumeTimesByKey.get(key)).as("reconsume times of the deliveries of %s", key)
                        .startsWith(0, 1);
            }
        });
    }

    @Test
    void shouldConsumeAQueueInSendOrderWithAnOrderlyListener() throws Exception {
        String topic = UniqueName.of("OrderTopic");
        producer.send(KeyedMessages.message(topic, "TagA", "create-topic"));
        List<Message> messages = KeyedMessages.batch(topic, "TagA", "order", 30);
        for (Message message : messages) {
            producer.send(message, (queues, msg, arg) -> queues.get(0), null);
        }
        List<String> consumed = new CopyOnWriteArrayList<>();
        DefaultMQPushConsumer consumer = TestClients.pushConsumer(server.namesrvAddress(), UniqueName.of("OrderGroup"));
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerOrderly) (batch, context) -> {
            batch.forEach(m -> consumed.add(m.getKeys()));
            return ConsumeOrderlyStatus.SUCCESS;
        });

        start(consumer);

        List<String> sent = new ArrayList<>(KeyedMessages.keys(messages));
        await().atMost(PATIENCE).until(() -> consumed.containsAll(sent));
        List<String> orderOfSent = new ArrayList<>(consumed);
        orderOfSent.retainAll(sent);
        assertThat(orderOfSent).containsExactlyElementsOf(sent);
    }

    private DefaultMQPushConsumer consumer(String group, String topic, String expression, ReceivedMessages listener)
            throws Exception {
        DefaultMQPushConsumer consumer = TestClients.pushConsumer(server.namesrvAddress(), group);
        consumer.subscribe(topic, expression);
        consumer.registerMessageListener(listener);
        return consumer;
    }

    private DefaultMQPushConsumer start(DefaultMQPushConsumer consumer) throws Exception {
        consumers.add(consumer);
        consumer.start();
        return consumer;
    }

    private void sendAll(List<Message> messages) throws Exception {
        for (Message message : messages) {
            producer.send(message);
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> union = new HashSet<>(a);
        union.addAll(b);
        return union;
    }
}
