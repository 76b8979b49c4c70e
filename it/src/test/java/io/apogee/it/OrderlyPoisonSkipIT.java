package io.apogee.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.PullResult;
import org.apache.rocketmq.client.consumer.PullStatus;
import org.apache.rocketmq.client.consumer.listener.ConsumeOrderlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerOrderly;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.MessageQueueSelector;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An orderly consumer (the real push consumer with a MessageListenerOrderly) stuck on a poison message, which its
 * listener answers SUSPEND_CURRENT_QUEUE_A_MOMENT forever (the client's default maxReconsumeTimes retries it in
 * memory without end), unblocked by Apogee's {@code mqadmin skipPoisonMessage}: the message lands in the group's DLQ
 * and every message after it in the queue is consumed once, in order, including ones sent after the skip. The
 * client takes the skip up like an admin reset: it drops the queue, commits the new offset about 10 s later and
 * locks and pulls the queue again at its next rebalance (at most 20 s later), so the test takes up to about 40 s.
 * The other way out needs no operator: a consumer whose own {@code maxReconsumeTimes} is N sends the message to
 * {@code %RETRY%<group>} after N retries, and the broker's send path dead-letters it (a group holding queue locks
 * always, as Apache 5.x: 4.9.8 sends a reconsume count of N, not above N).
 */
class OrderlyPoisonSkipIT {

    private static final Duration PATIENCE = Duration.ofSeconds(50);
    private static final String POISON = "poison";
    private static final MessageQueueSelector QUEUE_0 = (queues, message, arg) ->
            queues.stream().filter(q -> q.getQueueId() == 0).findFirst().orElseThrow();

    @RegisterExtension
    static final SharedServer server = new SharedServer();

    private final List<AutoCloseable> clients = new ArrayList<>();

    @AfterEach
    void stopClients() throws Exception {
        for (AutoCloseable client : clients) {
            client.close();
        }
    }

    @Test
    void shouldSkipAnOrderlyPoisonMessageIntoTheDlqAndKeepTheOrderOfWhatFollows() throws Exception {
        String topic = UniqueName.of("PoisonTopic");
        String group = UniqueName.of("PoisonGroup");
        DefaultMQProducer producer = TestClients.startedProducer(server.namesrvAddress());
        clients.add(producer::shutdown);
        List<String> before = List.of("m0", "m1", "m2");
        List<String> after = List.of("m4", "m5", "m6", "m7");
        sendToQueue0(producer, topic, before);
        sendToQueue0(producer, topic, List.of(POISON));
        sendToQueue0(producer, topic, after);
        List<String> consumed = new CopyOnWriteArrayList<>();
        AtomicInteger poisonAttempts = new AtomicInteger();
        startOrderlyConsumer(group, topic, -1, consumed, poisonAttempts);
        await().atMost(PATIENCE).until(() -> consumed.equals(before) && poisonAttempts.get() >= 5);
        int attemptsBeforeSkip = poisonAttempts.get();

        // the committed offset (3, the poison) reaches the broker with the client's next persist
        ApogeeMqadmin mqadmin = new ApogeeMqadmin(server.namesrvAddress());
        Mqadmin.Output[] skip = new Mqadmin.Output[1];
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            skip[0] = mqadmin.run("skipPoisonMessage", "-g", group, "-t", topic, "-i", "0", "-o", "3");
            return !skip[0].failed();
        });
        List<String> late = List.of("m8", "m9");
        sendToQueue0(producer, topic, late);

        assertThat(skip[0].out()).contains("at offset 3 of topic " + topic + " queue 0", "moved to %DLQ%" + group,
                "committed offset now 4", "live consumers told: 1");
        assertThat(attemptsBeforeSkip).as("retried in the client's memory until skipped").isGreaterThanOrEqualTo(5);
        List<String> expected = new ArrayList<>(before);
        expected.addAll(after);
        expected.addAll(late);
        await().atMost(PATIENCE).until(() -> consumed.size() >= expected.size());
        assertThat(consumed).as("each message after the poison once, in order").containsExactlyElementsOf(expected);
        assertThat(dlqMessage(group)).satisfies(m -> {
            assertThat(m.getKeys()).isEqualTo(POISON);
            assertThat(new String(m.getBody(), StandardCharsets.UTF_8)).isEqualTo("body of " + POISON);
            assertThat(m.getProperty("DLQ_ORIGIN_TOPIC")).isEqualTo(topic);
            assertThat(m.getProperty("RETRY_TOPIC")).isEqualTo(topic);
        });
        int attemptsAfterSkip = poisonAttempts.get();
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertThat(poisonAttempts.get()).as("the poison is not retried once skipped").isEqualTo(attemptsAfterSkip);
        assertThat(consumed).containsExactlyElementsOf(expected);
    }

    @Test
    void shouldDeadLetterAPoisonMessageAfterTheConsumersOwnMaxReconsumeTimesWithOrderKept() throws Exception {
        String topic = UniqueName.of("PoisonTopic");
        String group = UniqueName.of("PoisonGroup");
        DefaultMQProducer producer = TestClients.startedProducer(server.namesrvAddress());
        clients.add(producer::shutdown);
        sendToQueue0(producer, topic, List.of("m0", POISON, "m2", "m3"));
        List<String> consumed = new CopyOnWriteArrayList<>();
        AtomicInteger poisonAttempts = new AtomicInteger();

        startOrderlyConsumer(group, topic, 2, consumed, poisonAttempts);

        await().atMost(PATIENCE).until(() -> consumed.size() >= 3);
        assertThat(consumed).containsExactly("m0", "m2", "m3");
        assertThat(poisonAttempts.get()).as("the first delivery and two retries").isEqualTo(3);
        MessageExt dead = dlqMessage(group);
        assertThat(dead.getKeys()).isEqualTo(POISON);
        assertThat(dead.getReconsumeTimes()).as("5.4.0 sends the count + 1, 4.9.8 the count").isIn(2, 3);
    }

    /**
     * Starts an orderly consumer of {@code group} on {@code topic} whose listener fails the poison message every
     * time; it records the other keys of queue 0 in {@code consumed} and counts the poison's deliveries.
     */
    private void startOrderlyConsumer(String group, String topic, int maxReconsumeTimes, List<String> consumed,
                                      AtomicInteger poisonAttempts) throws Exception {
        DefaultMQPushConsumer consumer = TestClients.pushConsumer(server.namesrvAddress(), group);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.setSuspendCurrentQueueTimeMillis(100);
        consumer.setPersistConsumerOffsetInterval(1000);
        consumer.setMaxReconsumeTimes(maxReconsumeTimes);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerOrderly) (batch, context) -> {
            for (MessageExt m : batch) {
                if (POISON.equals(m.getKeys())) {
                    poisonAttempts.incrementAndGet();
                    return ConsumeOrderlyStatus.SUSPEND_CURRENT_QUEUE_A_MOMENT;
                }
                if (m.getQueueId() == 0) {
                    consumed.add(m.getKeys());
                }
            }
            return ConsumeOrderlyStatus.SUCCESS;
        });
        consumer.start();
        clients.add(consumer::shutdown);
    }

    private static void sendToQueue0(DefaultMQProducer producer, String topic, List<String> keys) throws Exception {
        for (String key : keys) {
            assertThat(producer.send(KeyedMessages.message(topic, "TagA", key), QUEUE_0, null).getSendStatus())
                    .isEqualTo(SendStatus.SEND_OK);
        }
    }

    /** The one message of the group's DLQ, pulled with the real pull consumer. */
    @SuppressWarnings("deprecation")
    private MessageExt dlqMessage(String group) throws Exception {
        DefaultMQPullConsumer puller = TestClients.startedPullConsumer(server.namesrvAddress(),
                UniqueName.of("DlqReader"));
        clients.add(puller::shutdown);
        String dlq = "%DLQ%" + group;
        List<MessageQueue> queues = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> queues.addAll(puller.fetchSubscribeMessageQueues(dlq)));
        PullResult result = puller.pull(queues.get(0), "*", 0, 32);
        assertThat(result.getPullStatus()).isEqualTo(PullStatus.FOUND);
        assertThat(result.getMsgFoundList()).hasSize(1);
        return result.getMsgFoundList().get(0);
    }
}
