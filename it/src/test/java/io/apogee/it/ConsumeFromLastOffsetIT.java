package io.apogee.it;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Where a new CONSUME_FROM_LAST_OFFSET group starts, for every order in which the topic, the first message and the
 * group can reach the broker (the young-queue rule of {@code ConsumerOffsetProcessor}): a group that subscribed
 * before a message was stored receives it; a new group on a topic with history starts at the end. Clients keep
 * their default timers (route poll every 30 s, heartbeat every 30 s, rebalance every 20 s), because the orderings
 * that lost messages exist only with them; the tests therefore run concurrently (with each other, not with other
 * classes), each on its own topic and group.
 */
class ConsumeFromLastOffsetIT {

    /** Route poll (30 s) + heartbeat + rebalance (20 s), with margin. */
    private static final Duration PATIENCE = Duration.ofSeconds(100);
    private static final int QUEUES = 8;

    @RegisterExtension
    static final SharedServer server = new SharedServer();

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void shouldDeliverTheFirstMessageOfATopicThatDidNotExistWhenTheListenerSubscribed() throws Exception {
        String topic = UniqueName.of("LastOffsetNewTopic");
        ReceivedMessages received = new ReceivedMessages();
        DefaultMQPushConsumer consumer = startedConsumer(topic, received);
        DefaultMQProducer producer = TestClients.startedProducer(server.namesrvAddress());
        try {
            producer.send(KeyedMessages.message(topic, "TagA", "first"));

            await().atMost(PATIENCE).until(() -> received.keys().contains("first"));
        } finally {
            producer.shutdown();
            consumer.shutdown();
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void shouldDeliverMessagesSentToAnEmptyTopicAfterTheListenerSubscribed() throws Exception {
        String topic = UniqueName.of("LastOffsetEmptyTopic");
        server.broker().topics().createIfAbsent(topic, QUEUES, 6, 0);
        ReceivedMessages received = new ReceivedMessages();
        DefaultMQPushConsumer consumer = startedConsumer(topic, received);
        DefaultMQProducer producer = TestClients.startedProducer(server.namesrvAddress());
        try {
            List<Message> sent = KeyedMessages.batch(topic, "TagA", "after", 2 * QUEUES);
            for (Message m : sent) {
                producer.send(m);
            }

            await().atMost(PATIENCE).until(() -> received.keys().containsAll(KeyedMessages.keys(sent)));
        } finally {
            producer.shutdown();
            consumer.shutdown();
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void shouldStartANewGroupAtTheEndOfATopicWithHistory() throws Exception {
        String topic = UniqueName.of("LastOffsetHistory");
        DefaultMQProducer producer = TestClients.startedProducer(server.namesrvAddress());
        ReceivedMessages received = new ReceivedMessages();
        DefaultMQPushConsumer consumer = null;
        try {
            for (Message m : KeyedMessages.batch(topic, "TagA", "history", 2 * QUEUES)) {
                producer.send(m);
            }
            long storedHistory = System.currentTimeMillis();
            await().until(() -> System.currentTimeMillis() > storedHistory); // subscribe in a later millisecond
            consumer = startedConsumer(topic, received);
            List<Message> fresh = KeyedMessages.batch(topic, "TagA", "fresh", 2 * QUEUES);
            for (Message m : fresh) {
                producer.send(m);
            }

            // every queue got fresh messages after its history, so history would have come first
            await().atMost(PATIENCE).until(() -> received.keys().containsAll(KeyedMessages.keys(fresh)));
            assertThat(startingWith(received.keys(), "history")).as("history of a new LAST_OFFSET group").isEmpty();
        } finally {
            producer.shutdown();
            if (consumer != null) {
                consumer.shutdown();
            }
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void shouldDeliverTheFirstMessageOfANewTopicToAGroupTheBrokerAlreadyKnew() throws Exception {
        String known = UniqueName.of("LastOffsetKnown");
        String later = UniqueName.of("LastOffsetLater");
        DefaultMQProducer producer = TestClients.startedProducer(server.namesrvAddress());
        producer.send(KeyedMessages.message(known, "TagA", "creates-known"));
        ReceivedMessages received = new ReceivedMessages();
        DefaultMQPushConsumer consumer =
                TestClients.pushConsumer(server.namesrvAddress(), UniqueName.of("LastOffsetG"));
        consumer.subscribe(known, "*");
        consumer.subscribe(later, "*");
        consumer.registerMessageListener(received);
        consumer.start();
        try {
            // once this arrives the group has heartbeated (with its subscription of the absent topic) and rebalanced
            producer.send(KeyedMessages.message(known, "TagA", "known-ready"));
            await().atMost(PATIENCE).until(() -> received.keys().contains("known-ready"));

            producer.send(KeyedMessages.message(later, "TagA", "first-of-later"));

            await().atMost(PATIENCE).until(() -> received.keys().contains("first-of-later"));
        } finally {
            producer.shutdown();
            consumer.shutdown();
        }
    }

    private static DefaultMQPushConsumer startedConsumer(String topic, ReceivedMessages listener) throws Exception {
        DefaultMQPushConsumer consumer =
                TestClients.pushConsumer(server.namesrvAddress(), UniqueName.of("LastOffsetG"));
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener(listener);
        consumer.start();
        return consumer;
    }

    private static Set<String> startingWith(Set<String> keys, String prefix) {
        return keys.stream().filter(k -> k.startsWith(prefix)).collect(Collectors.toSet());
    }
}
