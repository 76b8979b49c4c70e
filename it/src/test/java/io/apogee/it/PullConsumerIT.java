package io.apogee.it;

import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.client.consumer.PullResult;
import org.apache.rocketmq.client.consumer.PullStatus;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real pull consumers against Apogee: queue discovery, offset bounds, reads by offset, search by time, and
 * the lite pull consumer (LITE_PULL_MESSAGE in 5.x) with a tag subscription.
 */
@SuppressWarnings("deprecation")
class PullConsumerIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @RegisterExtension
    static final SharedServer server = new SharedServer();

    private DefaultMQProducer producer;
    private DefaultMQPullConsumer consumer;

    @BeforeEach
    void startClients() throws Exception {
        producer = TestClients.startedProducer(server.namesrvAddress());
        consumer = TestClients.startedPullConsumer(server.namesrvAddress(), UniqueName.of("PullGroup"));
    }

    @AfterEach
    void stopClients() {
        consumer.shutdown();
        producer.shutdown();
    }

    @Test
    void shouldListTheTopicQueuesWithTheirOffsetBounds() throws Exception {
        String topic = UniqueName.of("BoundsTopic");
        Map<MessageQueue, List<String>> sent = sendKeyed(topic, "bounds", 30);
        awaitVisible(sent);

        Set<MessageQueue> queues = consumer.fetchSubscribeMessageQueues(topic);

        assertThat(queues).isNotEmpty().containsAll(sent.keySet());
        for (MessageQueue queue : queues) {
            assertThat(queue.getBrokerName()).isEqualTo(ApogeeServer.BROKER_NAME);
            assertThat(consumer.minOffset(queue)).as("min offset of %s", queue).isZero();
            assertThat(consumer.maxOffset(queue)).as("max offset of %s", queue)
                    .isEqualTo(sent.getOrDefault(queue, List.of()).size());
        }
    }

    @Test
    void shouldReadEachQueueInOrderWithCorrectNextOffsets() throws Exception {
        String topic = UniqueName.of("ReadTopic");
        Map<MessageQueue, List<String>> sent = sendKeyed(topic, "read", 30);
        awaitVisible(sent);

        for (Map.Entry<MessageQueue, List<String>> queue : sent.entrySet()) {
            List<String> expected = queue.getValue();
            PullResult all = consumer.pull(queue.getKey(), "*", 0, 32);

            assertThat(all.getPullStatus()).isEqualTo(PullStatus.FOUND);
            assertThat(all.getMsgFoundList()).extracting(MessageExt::getKeys).containsExactlyElementsOf(expected);
            assertThat(all.getMsgFoundList()).extracting(MessageExt::getQueueOffset)
                    .containsExactlyElementsOf(offsets(0, expected.size()));
            assertThat(all.getNextBeginOffset()).isEqualTo(expected.size());
            assertThat(all.getMaxOffset()).isEqualTo(expected.size());

            PullResult nothingNew = consumer.pull(queue.getKey(), "*", all.getNextBeginOffset(), 32);
            assertThat(nothingNew.getPullStatus()).isEqualTo(PullStatus.NO_NEW_MSG);
            assertThat(nothingNew.getNextBeginOffset()).isEqualTo(expected.size());
        }
        Map.Entry<MessageQueue, List<String>> busiest = sent.entrySet().stream()
                .max((a, b) -> Integer.compare(a.getValue().size(), b.getValue().size())).orElseThrow();
        PullResult fromOne = consumer.pull(busiest.getKey(), "*", 1, 2);
        assertThat(fromOne.getPullStatus()).isEqualTo(PullStatus.FOUND);
        assertThat(fromOne.getMsgFoundList()).extracting(MessageExt::getKeys)
                .containsExactlyElementsOf(busiest.getValue().subList(1, 3));
        assertThat(fromOne.getNextBeginOffset()).isEqualTo(3);
    }

    @Test
    void shouldFindTheFirstOffsetStoredAtOrAfterATimestamp() throws Exception {
        String topic = UniqueName.of("SearchTopic");
        producer.send(KeyedMessages.message(topic, "TagA", "create-topic"));
        MessageQueue queue = new MessageQueue(topic, ApogeeServer.BROKER_NAME, 0);
        for (Message message : KeyedMessages.batch(topic, "TagA", "earlier", 5)) {
            producer.send(message, queue);
        }
        long boundary = ClockBoundary.passNextWholeSecond();
        long firstLater = -1;
        for (Message message : KeyedMessages.batch(topic, "TagA", "later", 5)) {
            SendResult result = producer.send(message, queue);
            firstLater = firstLater < 0 ? result.getQueueOffset() : firstLater;
        }

        long lastLater = firstLater + 4;
        await().atMost(PATIENCE).until(() -> consumer.maxOffset(queue) > lastLater);

        assertThat(consumer.searchOffset(queue, boundary)).isEqualTo(firstLater);
    }

    @Test
    void shouldPollOnlyTheSubscribedTagsWithALitePullConsumer() throws Exception {
        String topic = UniqueName.of("LiteTopic");
        Set<String> wanted = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            producer.send(KeyedMessages.message(topic, "TagA", "a-" + i));
            producer.send(KeyedMessages.message(topic, "TagC", "c-" + i));
            wanted.add("a-" + i);
        }
        DefaultLitePullConsumer lite = new DefaultLitePullConsumer(UniqueName.of("LiteGroup"));
        lite.setNamesrvAddr(server.namesrvAddress());
        lite.setInstanceName(UniqueName.of("lite"));
        lite.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        lite.subscribe(topic, "TagA");
        Set<String> polled = ConcurrentHashMap.newKeySet();
        Set<String> tags = ConcurrentHashMap.newKeySet();
        try {
            lite.start();
            await().atMost(PATIENCE).until(() -> {
                lite.poll(1000).forEach(m -> {
                    polled.add(m.getKeys());
                    tags.add(m.getTags());
                });
                return polled.containsAll(wanted);
            });
        } finally {
            lite.shutdown();
        }
        assertThat(tags).containsExactly("TagA");
        assertThat(polled).isEqualTo(wanted);
    }

    /**
     * Waits until the consume queues index everything sent. As in RocketMQ, a message is indexed shortly after its
     * SEND_OK (asynchronous dispatch), so a pull issued right after a send may not see it yet.
     */
    private void awaitVisible(Map<MessageQueue, List<String>> sent) {
        await().atMost(PATIENCE).untilAsserted(() -> {
            for (Map.Entry<MessageQueue, List<String>> queue : sent.entrySet()) {
                assertThat(consumer.maxOffset(queue.getKey())).as("max offset of %s", queue.getKey())
                        .isEqualTo(queue.getValue().size());
            }
        });
    }

    private Map<MessageQueue, List<String>> sendKeyed(String topic, String prefix, int count) throws Exception {
        Map<MessageQueue, List<String>> keysByQueue = new HashMap<>();
        for (Message message : KeyedMessages.batch(topic, "TagA", prefix, count)) {
            SendResult result = producer.send(message);
            keysByQueue.computeIfAbsent(result.getMessageQueue(), q -> new ArrayList<>()).add(message.getKeys());
        }
        return keysByQueue;
    }

    private static List<Long> offsets(long from, long toExclusive) {
        List<Long> offsets = new ArrayList<>();
        for (long o = from; o < toExclusive; o++) {
            offsets.add(o);
        }
        return offsets;
    }
}
