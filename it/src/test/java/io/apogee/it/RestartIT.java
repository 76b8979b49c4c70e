package io.apogee.it;

import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A graceful restart on the same store: messages and committed consumer offsets survive, so the group resumes
 * where it stopped.
 */
@SuppressWarnings("deprecation")
class RestartIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path storeDir;
    private ApogeeServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void shouldKeepMessagesAndResumeTheGroupAfterItsCommittedOffsets() throws Exception {
        String topic = UniqueName.of("RestartTopic");
        String group = UniqueName.of("RestartGroup");
        server = ApogeeServer.start(storeDir);
        List<Message> consumedBefore = KeyedMessages.batch(topic, "TagA", "first", 40);
        send(consumedBefore);
        consumeAllThenStop(group, topic, KeyedMessages.keys(consumedBefore));
        awaitCommittedOffsetsTotal(group, topic, consumedBefore.size());
        List<Message> pending = KeyedMessages.batch(topic, "TagA", "second", 40);
        send(pending);

        server.close();
        server = ApogeeServer.start(storeDir);

        Set<String> everything = new HashSet<>(KeyedMessages.keys(consumedBefore));
        everything.addAll(KeyedMessages.keys(pending));
        DefaultMQPullConsumer reader =
                TestClients.startedPullConsumer(server.namesrvAddress(), UniqueName.of("Reader"));
        try {
            await().atMost(PATIENCE).ignoreExceptions()
                    .untilAsserted(() -> assertThat(TopicReader.readAll(reader, topic).keySet()).isEqualTo(everything));
        } finally {
            reader.shutdown();
        }
        assertNewSendsContinueEachQueue(topic);
        ReceivedMessages resumed = new ReceivedMessages();
        DefaultMQPushConsumer consumer = pushConsumer(group, topic, resumed);
        try {
            consumer.start();
            Set<String> expected = new HashSet<>(KeyedMessages.keys(pending));
            expected.add("after-restart-0");
            await().atMost(PATIENCE).until(() -> resumed.keys().containsAll(expected));
            assertThat(resumed.keys()).as("keys committed before the restart")
                    .doesNotContainAnyElementsOf(KeyedMessages.keys(consumedBefore));
        } finally {
            consumer.shutdown();
        }
    }

    /** A message sent after the restart lands right after the last recovered message of its queue. */
    private void assertNewSendsContinueEachQueue(String topic) throws Exception {
        DefaultMQProducer producer = TestClients.startedProducer(server.namesrvAddress());
        DefaultMQPullConsumer reader =
                TestClients.startedPullConsumer(server.namesrvAddress(), UniqueName.of("Reader"));
        try {
            Map<MessageQueue, Long> recoveredEnds = new HashMap<>();
            for (MessageQueue queue : reader.fetchSubscribeMessageQueues(topic)) {
                recoveredEnds.put(queue, reader.maxOffset(queue));
            }
            SendResult result = producer.send(KeyedMessages.message(topic, "TagA", "after-restart-0"));
            assertThat(result.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
            assertThat(result.getQueueOffset()).as("offset of the first message after the restart in %s",
                    result.getMessageQueue()).isEqualTo(recoveredEnds.get(result.getMessageQueue()));
        } finally {
            reader.shutdown();
            producer.shutdown();
        }
    }

    private void consumeAllThenStop(String group, String topic, Set<String> keys) throws Exception {
        ReceivedMessages received = new ReceivedMessages();
        DefaultMQPushConsumer consumer = pushConsumer(group, topic, received);
        try {
            consumer.start();
            await().atMost(PATIENCE).until(() -> received.keys().containsAll(keys));
        } finally {
            consumer.shutdown();
        }
    }

    @SuppressWarnings("deprecation")
    private void awaitCommittedOffsetsTotal(String group, String topic, long expected) throws Exception {
        DefaultMQPullConsumer probe = TestClients.startedPullConsumer(server.namesrvAddress(), group);
        try {
            await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
                long total = 0;
                for (MessageQueue queue : probe.fetchSubscribeMessageQueues(topic)) {
                    total += Math.max(0, probe.fetchConsumeOffset(queue, true));
                }
                assertThat(total).as("offsets committed by %s on the broker", group).isEqualTo(expected);
            });
        } finally {
            probe.shutdown();
        }
    }

    private DefaultMQPushConsumer pushConsumer(String group, String topic, ReceivedMessages listener)
            throws Exception {
        DefaultMQPushConsumer consumer = TestClients.pushConsumer(server.namesrvAddress(), group);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener(listener);
        return consumer;
    }

    private void send(List<Message> messages) throws Exception {
        DefaultMQProducer producer = TestClients.startedProducer(server.namesrvAddress());
        try {
            for (Message message : messages) {
                producer.send(message);
            }
        } finally {
            producer.shutdown();
        }
    }
}
