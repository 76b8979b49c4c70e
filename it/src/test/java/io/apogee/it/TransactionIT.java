package io.apogee.it;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.producer.LocalTransactionState;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.client.producer.TransactionListener;
import org.apache.rocketmq.client.producer.TransactionMQProducer;
import org.apache.rocketmq.client.producer.TransactionSendResult;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Transactional messages with the real {@link TransactionMQProducer}: commit, rollback, and an unknown outcome
 * resolved by the broker's CHECK_TRANSACTION_STATE, against a broker that checks after 1 s every 500 ms.
 * The listener decides by the message key's prefix: {@code commit-}, {@code rollback-}, {@code unknown-}
 * (unknown at first, committed when checked).
 */
class TransactionIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @RegisterExtension
    static final SharedServer server = new SharedServer(broker -> {
        broker.transactionTimeOut = 1_000;
        broker.transactionCheckInterval = 500;
    }, store -> { });

    private TransactionMQProducer producer;
    private DefaultMQPushConsumer consumer;
    private final Set<String> checked = ConcurrentHashMap.newKeySet();
    private final List<MessageExt> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startProducer() throws Exception {
        producer = new TransactionMQProducer(UniqueName.of("TXG"));
        producer.setNamesrvAddr(server.namesrvAddress());
        producer.setInstanceName(UniqueName.of("tx-producer"));
        // the broker can only check producers that heartbeat to it
        producer.setHeartbeatBrokerInterval(1_000);
        producer.setTransactionListener(new KeyPrefixListener());
        producer.start();
    }

    @AfterEach
    void stopClients() {
        if (consumer != null) {
            consumer.shutdown();
        }
        producer.shutdown();
    }

    /** Decides by key prefix; records which messages the broker asked about. */
    private final class KeyPrefixListener implements TransactionListener {
        @Override
        public LocalTransactionState executeLocalTransaction(Message msg, Object arg) {
            String key = msg.getKeys();
            if (key.startsWith("commit-")) {
                return LocalTransactionState.COMMIT_MESSAGE;
            }
            return key.startsWith("rollback-") ? LocalTransactionState.ROLLBACK_MESSAGE : LocalTransactionState.UNKNOW;
        }

        @Override
        public LocalTransactionState checkLocalTransaction(MessageExt msg) {
            checked.add(msg.getKeys());
            return msg.getKeys().startsWith("unknown-") ? LocalTransactionState.COMMIT_MESSAGE
                    : LocalTransactionState.ROLLBACK_MESSAGE;
        }
    }

    @Test
    void shouldDeliverACommittedTransactionalMessage() throws Exception {
        String topic = startConsumer("TxCommitTopic");

        TransactionSendResult result = producer.sendMessageInTransaction(
                KeyedMessages.message(topic, "TagA", "commit-1"), null);

        assertThat(result.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
        assertThat(result.getLocalTransactionState()).isEqualTo(LocalTransactionState.COMMIT_MESSAGE);
        await().atMost(PATIENCE).until(() -> receivedKeys().contains("commit-1"));
        MessageExt m = received.stream().filter(e -> "commit-1".equals(e.getKeys())).findFirst().orElseThrow();
        assertThat(m.getTopic()).isEqualTo(topic);
        assertThat(new String(m.getBody())).isEqualTo("body of commit-1");
        assertThat(m.getMsgId()).isEqualTo(result.getMsgId());
    }

    @Test
    void shouldNeverDeliverARolledBackTransactionalMessage() throws Exception {
        String topic = startConsumer("TxRollbackTopic");

        TransactionSendResult rolledBack = producer.sendMessageInTransaction(
                KeyedMessages.message(topic, "TagA", "rollback-1"), null);
        producer.sendMessageInTransaction(KeyedMessages.message(topic, "TagA", "commit-marker"), null);

        assertThat(rolledBack.getLocalTransactionState()).isEqualTo(LocalTransactionState.ROLLBACK_MESSAGE);
        await().atMost(PATIENCE).until(() -> receivedKeys().contains("commit-marker"));
        assertThat(receivedKeys()).doesNotContain("rollback-1");
    }

    @Test
    void shouldAskTheProducerAboutAnUnknownOutcomeAndDeliverWhenItCommits() throws Exception {
        String topic = startConsumer("TxCheckTopic");

        TransactionSendResult result = producer.sendMessageInTransaction(
                KeyedMessages.message(topic, "TagA", "unknown-1"), null);

        assertThat(result.getLocalTransactionState()).isEqualTo(LocalTransactionState.UNKNOW);
        await().atMost(PATIENCE).until(() -> receivedKeys().contains("unknown-1"));
        assertThat(checked).contains("unknown-1");
        assertThat(receivedKeys()).containsOnlyOnce("unknown-1");
    }

    private String startConsumer(String topicPrefix) throws Exception {
        String topic = UniqueName.of(topicPrefix);
        producer.send(KeyedMessages.message(topic, "TagA", "create-topic"));
        consumer = TestClients.pushConsumer(server.namesrvAddress(), UniqueName.of("TxConsumer"));
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently)
                (batch, context) -> {
                    received.addAll(batch);
                    return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
                });
        consumer.start();
        return topic;
    }

    private List<String> receivedKeys() {
        return received.stream().map(MessageExt::getKeys).toList();
    }
}
