package io.apogee.it;

import io.apogee.remoting.RemotingClient;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.store.OffsetStore;
import org.apache.rocketmq.client.impl.MQClientManager;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The scene the admin acceptance tests look at, as the issue describes it: a topic of {@value #QUEUES} queues
 * holding {@value #MESSAGES} keyed messages ({@code <topic>-key-<i>}, tag {@value #TAG}), a producer group with a
 * live producer, and a live clustering push consumer group that has consumed every message and committed its
 * offsets to the broker.
 *
 * <p>Not thread-safe: built and closed by one test thread; the accessors return immutable values.
 */
final class AdminScene implements AutoCloseable {

    static final int QUEUES = 8;
    static final int MESSAGES = 100;
    static final String TAG = "TagA";
    /** The message the look-up checks look for (by offsetMsgId, key, queue offset, unique key). */
    static final int PROBE = 7;
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    final String topic = UniqueName.of("AdminTopic");
    final String consumerGroup = UniqueName.of("AdminCG");
    final String producerGroup;
    final ReceivedMessages received = new ReceivedMessages();
    private final DefaultMQProducer producer;
    private final DefaultMQPushConsumer consumer;
    private final List<SendResult> sent = new ArrayList<>();
    private long firstSendTime;

    private AdminScene(SharedServer server) throws Exception {
        server.broker().topics().createIfAbsent(topic, QUEUES, 6, 0);
        producer = TestClients.startedProducer(server.namesrvAddress());
        producerGroup = producer.getProducerGroup();
        consumer = TestClients.pushConsumer(server.namesrvAddress(), consumerGroup);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener(received);
    }

    /** Builds the scene on {@code server}; waits until the group has consumed and committed everything. */
    static AdminScene start(SharedServer server) throws Exception {
        AdminScene scene = new AdminScene(server);
        try {
            scene.fill(server);
        } catch (Exception | Error e) {
            scene.close();
            throw e;
        }
        return scene;
    }

    private void fill(SharedServer server) throws Exception {
        await().atMost(PATIENCE).ignoreExceptions()
                .until(() -> producer.fetchPublishMessageQueues(topic).size() == QUEUES);
        consumer.start();
        await().atMost(PATIENCE).until(() -> ConsumerModes.ownedQueues(consumer, topic) == QUEUES);
        firstSendTime = System.currentTimeMillis();
        for (Message message : KeyedMessages.batch(topic, TAG, topic + "-key", MESSAGES)) {
            SendResult result = producer.send(message);
            assertThat(result.getSendStatus()).as("send of %s", message.getKeys()).isEqualTo(SendStatus.SEND_OK);
            sent.add(result);
        }
        await().atMost(PATIENCE).until(() -> received.keys().size() == MESSAGES);
        // a 4.9.8 producer first heartbeats a broker at its 30 s timer; the producer-connection checks need it known
        MQClientManager.getInstance().getOrCreateMQClientInstance(producer).sendHeartbeatToAllBrokerWithLock();
        try (RemotingClient raw = new RemotingClient("it-offsets")) {
            raw.start();
            String brokerAddr = server.broker().address();
            await().atMost(PATIENCE).until(() -> committedOffsets(raw, brokerAddr) == MESSAGES);
        }
    }

    /**
     * Pushes the consumer's offsets to the broker (one-way, as its timer would) and returns their sum as the broker
     * has them, read with a raw QUERY_CONSUMER_OFFSET: reading through the consumer's own offset store would
     * overwrite its offsets with a possibly older broker value, which the next push would then commit.
     */
    @SuppressWarnings("deprecation")
    private long committedOffsets(RemotingClient raw, String brokerAddr) throws Exception {
        OffsetStore offsets = consumer.getDefaultMQPushConsumerImpl().getOffsetStore();
        long sum = 0;
        for (MessageQueue queue : queues()) {
            offsets.persist(queue);
            RemotingCommand query = RemotingCommand.request(RequestCode.QUERY_CONSUMER_OFFSET)
                    .putExt("consumerGroup", consumerGroup).putExt("topic", topic)
                    .putExt("queueId", queue.getQueueId());
            RemotingCommand answer = raw.invokeSync(brokerAddr, query, 3_000);
            sum += answer.code() == 0 ? Long.parseLong(answer.ext("offset")) : 0;
        }
        return sum;
    }

    /** The topic's queues on the test broker. */
    List<MessageQueue> queues() {
        List<MessageQueue> queues = new ArrayList<>();
        for (int i = 0; i < QUEUES; i++) {
            queues.add(new MessageQueue(topic, ApogeeServer.BROKER_NAME, i));
        }
        return queues;
    }

    /** Key of message {@code i} of the batch. */
    String key(int i) {
        return topic + "-key-" + i;
    }

    /** The send result of message {@code i}: its unique key (msgId), offsetMsgId, queue and queue offset. */
    SendResult sent(int i) {
        return sent.get(i);
    }

    /** Wall-clock time just before the first message was sent. */
    long firstSendTime() {
        return firstSendTime;
    }

    /** The live consumer's client id, as it appears in connection lists. */
    String consumerClientId() {
        return consumer.buildMQClientId();
    }

    /** The live producer's client id. */
    String producerClientId() {
        return producer.buildMQClientId();
    }

    @Override
    public void close() {
        consumer.shutdown();
        producer.shutdown();
    }
}
