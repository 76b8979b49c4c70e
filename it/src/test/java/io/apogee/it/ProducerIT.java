package io.apogee.it;

import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/** The real producer against Apogee: sync, async, oneway and batch sends, and the broker's size limit. */
class ProducerIT {

    private static final int MAX_MESSAGE_SIZE = 64 * 1024;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @RegisterExtension
    static final SharedServer server =
            new SharedServer(broker -> { }, store -> store.maxMessageSize = MAX_MESSAGE_SIZE);

    private DefaultMQProducer producer;

    @BeforeEach
    void startProducer() throws Exception {
        producer = TestClients.producer(server.namesrvAddress());
        producer.setMaxMessageSize(4 * 1024 * 1024);
        producer.start();
    }

    @AfterEach
    void stopProducer() {
        producer.shutdown();
    }

    @Test
    void shouldAcknowledgeSyncSendsWithIdsAndIncreasingQueueOffsets() throws Exception {
        String topic = UniqueName.of("SyncTopic");
        Map<Integer, List<Long>> offsetsByQueue = new TreeMap<>();
        for (Message message : KeyedMessages.batch(topic, "TagA", "sync", 20)) {
            SendResult result = producer.send(message);

            assertThat(result.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
            assertThat(result.getMsgId()).as("msgId (UNIQ_KEY)").isNotBlank();
            assertThat(result.getOffsetMsgId()).as("offsetMsgId").matches("[0-9A-F]{32}");
            assertThat(result.getMessageQueue().getTopic()).isEqualTo(topic);
            offsetsByQueue.computeIfAbsent(result.getMessageQueue().getQueueId(), q -> new ArrayList<>())
                    .add(result.getQueueOffset());
        }

        offsetsByQueue.forEach((queueId, offsets) -> {
            for (int i = 0; i < offsets.size(); i++) {
                assertThat(offsets.get(i)).as("offset #%d in queue %d: %s", i, queueId, offsets).isEqualTo(i);
            }
        });
    }

    @Test
    void shouldReportEveryAsyncSendToItsCallback() throws Exception {
        String topic = UniqueName.of("AsyncTopic");
        producer.send(KeyedMessages.message(topic, "TagA", "create-topic"));
        Map<String, SendStatus> acknowledged = new ConcurrentHashMap<>();
        Map<String, Throwable> failed = new ConcurrentHashMap<>();

        for (Message message : KeyedMessages.batch(topic, "TagA", "async", 10)) {
            producer.send(message, new SendCallback() {
                @Override
                public void onSuccess(SendResult result) {
                    acknowledged.put(message.getKeys(), result.getSendStatus());
                }

                @Override
                public void onException(Throwable e) {
                    failed.put(message.getKeys(), e);
                }
            });
        }

        await().atMost(PATIENCE).until(() -> acknowledged.size() + failed.size() == 10);
        assertThat(failed).isEmpty();
        assertThat(acknowledged.values()).containsOnly(SendStatus.SEND_OK);
    }

    @Test
    void shouldStoreOnewayMessages() throws Exception {
        String topic = UniqueName.of("OnewayTopic");
        List<Message> messages = KeyedMessages.batch(topic, "TagA", "oneway", 10);
        for (Message message : messages) {
            producer.sendOneway(message);
        }

        assertTopicEventuallyHolds(topic, KeyedMessages.keys(messages));
    }

    @Test
    void shouldStoreEveryMessageOfABatch() throws Exception {
        String topic = UniqueName.of("BatchTopic");
        producer.send(KeyedMessages.message(topic, "TagA", "create-topic"));
        List<Message> batch = KeyedMessages.batch(topic, "TagA", "batch", 10);

        SendResult result = producer.send(batch);

        assertThat(result.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
        assertTopicEventuallyHolds(topic, KeyedMessages.keys(batch));
    }

    @Test
    void shouldRejectMessageOverBrokerMaxMessageSizeWithCode13NamingTheSize() throws Exception {
        String topic = UniqueName.of("BigTopic");
        producer.send(KeyedMessages.message(topic, "TagA", "create-topic"));
        byte[] body = new byte[100 * 1024];
        new Random(42).nextBytes(body);

        Throwable thrown = catchThrowable(() -> producer.send(new Message(topic, "TagA", body)));

        assertThat(thrown).isInstanceOf(MQBrokerException.class);
        MQBrokerException rejected = (MQBrokerException) thrown;
        assertThat(rejected.getResponseCode()).isEqualTo(13);
        assertThat(largestNumberIn(rejected.getErrorMessage()))
                .as("a size of at least the limit in: %s", rejected.getErrorMessage())
                .isGreaterThanOrEqualTo(MAX_MESSAGE_SIZE);
    }

    @Test
    void shouldRejectIllegalTopicName() {
        Throwable thrown = catchThrowable(() -> producer.send(KeyedMessages.message("bad topic!", "TagA", "k")));

        assertThat(thrown).isInstanceOf(MQClientException.class).hasMessageContaining("bad topic!");
    }

    @SuppressWarnings("deprecation")
    private static void assertTopicEventuallyHolds(String topic, Set<String> keys) throws Exception {
        DefaultMQPullConsumer reader =
                TestClients.startedPullConsumer(server.namesrvAddress(), UniqueName.of("Reader"));
        try {
            await().atMost(PATIENCE).ignoreExceptions()
                    .untilAsserted(() -> assertThat(TopicReader.readAll(reader, topic).keySet()).containsAll(keys));
        } finally {
            reader.shutdown();
        }
    }

    private static long largestNumberIn(String text) {
        long largest = -1;
        Matcher digits = Pattern.compile("\\d+").matcher(String.valueOf(text));
        while (digits.find()) {
            if (digits.group().length() < 18) {
                largest = Math.max(largest, Long.parseLong(digits.group()));
            }
        }
        return largest;
    }
}
