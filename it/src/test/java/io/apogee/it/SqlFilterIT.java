package io.apogee.it;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.MessageSelector;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The real push consumer with {@code MessageSelector.bySql} against Apogee: the broker filters by user
 * properties (the client does not re-filter SQL92 results), and an expression the broker cannot parse makes
 * {@code start()} fail through CHECK_CLIENT_CONFIG (46).
 */
class SqlFilterIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @RegisterExtension
    static final SharedServer server = new SharedServer();

    private DefaultMQProducer producer;
    private final List<DefaultMQPushConsumer> consumers = new ArrayList<>();

    @BeforeEach
    void startProducer() throws Exception {
        producer = TestClients.producer(server.namesrvAddress());
        producer.start();
    }

    @AfterEach
    void stopClients() {
        consumers.forEach(DefaultMQPushConsumer::shutdown);
        producer.shutdown();
    }

    @Test
    void shouldDeliverExactlyTheMessagesWhosePropertyIsInRange() throws Exception {
        String topic = UniqueName.of("SqlTopic");
        Set<String> wanted = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            Message message = KeyedMessages.message(topic, "TagA", "a-" + i);
            message.putUserProperty("a", String.valueOf(i));
            producer.send(message);
            if (i <= 3) {
                wanted.add(message.getKeys());
            }
        }
        producer.send(KeyedMessages.message(topic, "TagA", "no-a"));
        Message text = KeyedMessages.message(topic, "TagA", "a-text");
        text.putUserProperty("a", "two");
        producer.send(text);
        // A matching message at the end of every queue: once all arrived, every earlier message was scanned.
        for (MessageQueue queue : producer.fetchPublishMessageQueues(topic)) {
            Message last = KeyedMessages.message(topic, "TagB", "last-" + queue.getQueueId());
            last.putUserProperty("a", "1");
            producer.send(last, queue);
            wanted.add(last.getKeys());
        }
        ReceivedMessages received = new ReceivedMessages();
        DefaultMQPushConsumer consumer = TestClients.pushConsumer(server.namesrvAddress(), UniqueName.of("SqlGroup"));
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, MessageSelector.bySql("a between 0 and 3"));
        consumer.registerMessageListener(received);

        consumers.add(consumer);
        consumer.start();

        await().atMost(PATIENCE).until(() -> received.keys().containsAll(wanted));
        assertThat(received.keys()).isEqualTo(wanted);
    }

    @Test
    void shouldFailToStartWithAnExpressionTheBrokerCannotParse() throws Exception {
        String topic = UniqueName.of("BadSqlTopic");
        producer.send(KeyedMessages.message(topic, "TagA", "seed"));
        DefaultMQPushConsumer consumer =
                TestClients.pushConsumer(server.namesrvAddress(), UniqueName.of("BadSqlGroup"));
        consumer.subscribe(topic, MessageSelector.bySql("a between and 3"));
        consumer.registerMessageListener(new ReceivedMessages());
        consumers.add(consumer);

        assertThatThrownBy(consumer::start)
                .hasStackTraceContaining("a between and 3")
                .hasStackTraceContaining("position 10");
    }
}
