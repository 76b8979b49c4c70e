package io.apogee.it;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyContext;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.LocalTransactionState;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.TransactionListener;
import org.apache.rocketmq.client.producer.TransactionMQProducer;
import org.apache.rocketmq.client.trace.TraceView;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Message trace with the real clients (4.9.8 in it/client4, 5.4.0 in it/client5): a producer, a transactional
 * producer and a push consumer with {@code enableMsgTrace}, on the default trace topic (RMQ_SYS_TRACE_TOPIC, created
 * by the broker at start-up, {@code traceTopicEnable}) and on a customized one (auto-created on the trace producer's
 * first send). For a plain, a delayed, a batched, a retried and a transactional message the trace records (Pub,
 * SubBefore, SubAfter, EndTransaction; docs/protocol/16-timers-trace-reply-pop.md §2) are found by message id
 * as Apache's tools find them: {@code DefaultMQAdminExt.queryMessage} on the trace topic with the id as key, decoded
 * by the client's own {@code TraceView}; then Apache's {@code mqadmin queryMsgTraceById} and Apogee's print the
 * Pub and Sub rows. A consumed message's trace needs the MSG_REGION the broker stamps on every stored message, and
 * keeps it through the schedule, retry and transaction re-puts.
 */
@Isolated("Apache's mqadmin swaps System.out and System.err while a command runs")
@SuppressWarnings("deprecation")
class MessageTraceIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String DEFAULT_TRACE_TOPIC = "RMQ_SYS_TRACE_TOPIC";
    /** A time as the queryMsgTraceById commands print it. */
    private static final String TIME = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d";
    /** Every delay level 1 s: the retry of a failed consumption comes back after a second. */
    private static final String FAST_LEVELS = String.join(" ", Collections.nCopies(18, "1s"));

    @RegisterExtension
    static final SharedServer server = new SharedServer(broker -> broker.messageDelayLevel = FAST_LEVELS,
            store -> { });

    /** What each queryMsgTraceById run printed, written to target/admin-coverage for the test report. */
    private static final StringBuffer TRANSCRIPT = new StringBuffer();
    private static DefaultMQAdminExt admin;
    private final List<Runnable> cleanups = new ArrayList<>();

    @BeforeAll
    static void startAdmin() throws MQClientException {
        admin = new DefaultMQAdminExt();
        admin.setNamesrvAddr(server.namesrvAddress());
        admin.setInstanceName(UniqueName.of("trace-admin"));
        admin.start();
    }

    @AfterAll
    static void stopAdminAndWriteTranscript() throws IOException {
        if (admin != null) {
            admin.shutdown();
        }
        Path transcript = Path.of("target", "admin-coverage", "queryMsgTraceById.transcript.txt");
        Files.createDirectories(transcript.getParent());
        Files.writeString(transcript, TRANSCRIPT);
    }

    @AfterEach
    void stopClients() {
        Collections.reverse(cleanups);
        cleanups.forEach(Runnable::run);
    }

    @Test
    void shouldStoreAndFindTheTracesOfSendsAndConsumptionsInTheDefaultTraceTopic() throws Exception {
        traceEverything(null, DEFAULT_TRACE_TOPIC);
    }

    @Test
    void shouldStoreAndFindTheTracesInACustomizedTraceTopic() throws Exception {
        String traceTopic = UniqueName.of("MyTraceTopic");
        traceEverything(traceTopic, traceTopic);
    }

    private void traceEverything(String customizedTraceTopic, String traceTopic) throws Exception {
        String topic = UniqueName.of("TracedTopic");
        String consumerGroup = UniqueName.of("TracedCG");
        DefaultMQProducer producer = new DefaultMQProducer(UniqueName.of("TracedPG"), true, customizedTraceTopic);
        producer.setNamesrvAddr(server.namesrvAddress());
        producer.setInstanceName(UniqueName.of("traced-producer"));
        producer.start();
        cleanups.add(producer::shutdown);

        SendResult plain = producer.send(KeyedMessages.message(topic, "TagA", "plain"));
        Message delayed = KeyedMessages.message(topic, "TagA", "delayed");
        delayed.setDelayTimeLevel(2);
        SendResult delayedSent = producer.send(delayed);
        SendResult batch = producer.send(List.of(KeyedMessages.message(topic, "TagA", "batch-1"),
                KeyedMessages.message(topic, "TagA", "batch-2")));
        SendResult retried = producer.send(KeyedMessages.message(topic, "TagA", "retried"));
        String transactional = sendTransactional(topic, customizedTraceTopic);

        Map<String, String> consumed = consume(topic, consumerGroup, customizedTraceTopic);
        await("every message consumed, the retried one the second time").atMost(PATIENCE)
                .until(() -> consumed.keySet().containsAll(Set.of("plain", "delayed", "batch-1", "batch-2",
                        "retried", "transactional")) && FailFirstTime.redelivered(consumed));

        String producerGroup = producer.getProducerGroup();
        assertTraced(traceTopic, plain.getMsgId(), "Pub", "SubBefore", "SubAfter");
        assertTraced(traceTopic, delayedSent.getMsgId(), "Pub", "SubBefore", "SubAfter");
        assertTraced(traceTopic, consumed.get("batch-1"), "SubBefore", "SubAfter");
        assertTraced(traceTopic, consumed.get("batch-2"), "SubBefore", "SubAfter");
        assertTraced(traceTopic, batch.getMsgId(), "Pub");
        assertTraced(traceTopic, transactional, "Pub", "EndTransaction", "SubBefore", "SubAfter");
        List<TraceView> retriedViews = assertTraced(traceTopic, retried.getMsgId(), "Pub", "SubBefore", "SubAfter");
        assertThat(retriedViews).filteredOn(v -> v.getMsgType().equals("SubAfter")).extracting(TraceView::getStatus)
                .as("the failed first consumption and the successful retry").contains("failed", "success");
        assertThat(admin.queryMessage(traceTopic, "plain", 64, 0, Long.MAX_VALUE).getMessageList())
                .as("trace messages indexed under the traced message's key").isNotEmpty();

        assertPrintedByMqadmin(new ApacheMqadmin(server.namesrvAddress(), new RequestCodeLog()), customizedTraceTopic,
                plain.getMsgId(), producerGroup, consumerGroup);
        assertPrintedByMqadmin(new ApogeeMqadmin(server.namesrvAddress()), customizedTraceTopic, plain.getMsgId(),
                producerGroup, consumerGroup);
    }

    /** Waits until the trace records of {@code msgId} include {@code types}; returns them all. */
    private static List<TraceView> assertTraced(String traceTopic, String msgId, String... types) {
        List<TraceView> views = new ArrayList<>();
        await("trace records " + String.join(", ", types) + " of " + msgId).atMost(PATIENCE).ignoreExceptions()
                .untilAsserted(() -> {
                    views.clear();
                    for (MessageExt m : admin.queryMessage(traceTopic, msgId, 64, 0, Long.MAX_VALUE)
                            .getMessageList()) {
                        views.addAll(TraceView.decodeFromTraceTransData(msgId, m));
                    }
                    assertThat(views).extracting(TraceView::getMsgType).contains(types);
                });
        return views;
    }

    private static void assertPrintedByMqadmin(Mqadmin mqadmin, String customizedTraceTopic, String msgId,
                                               String producerGroup, String consumerGroup) {
        List<String> arguments = new ArrayList<>(List.of("-i", msgId));
        if (customizedTraceTopic != null) {
            arguments.addAll(List.of("-t", customizedTraceTopic));
        }
        Mqadmin.Output output = mqadmin.run("queryMsgTraceById", arguments.toArray(String[]::new));
        TRANSCRIPT.append(mqadmin.isApache() ? "Apache " : "Apogee ").append(output).append("\n\n");

        assertThat(output.failed()).as("%s", output).isFalse();
        assertThat(output.out()).as("%s", output)
                .containsPattern("(?m)^#Type\\s+#ProducerGroup\\s+#ClientHost\\s+#SendTime\\s+#CostTimes\\s+#Status")
                .containsPattern("(?m)^Pub\\s+" + producerGroup + "\\s+\\S+\\s+" + TIME + "\\s+\\d+ms\\s+success")
                .containsPattern("(?m)^#Type\\s+#ConsumerGroup\\s+#ClientHost\\s+#ConsumerTime")
                .containsPattern("(?m)^Sub\\s+" + consumerGroup + "\\s+\\S+\\s+" + TIME + "\\s+\\d+ms\\s+success");
        if (!mqadmin.isApache()) {
            Mqadmin.Output none = mqadmin.run("queryMsgTraceById", "-i", "7F0000010000000000000000DEADBEEF");
            TRANSCRIPT.append("Apogee ").append(none).append("\n\n");
            assertThat(none.failed()).as("%s", none).isTrue();
            assertThat(none.err()).as("%s", none).contains("No trace of message 7F0000010000000000000000DEADBEEF");
        }
    }

    private String sendTransactional(String topic, String customizedTraceTopic) throws Exception {
        TransactionMQProducer producer = new TransactionMQProducer(null, UniqueName.of("TracedTXG"), null, true,
                customizedTraceTopic);
        producer.setNamesrvAddr(server.namesrvAddress());
        producer.setInstanceName(UniqueName.of("traced-tx-producer"));
        producer.setTransactionListener(new TransactionListener() {
            @Override
            public LocalTransactionState executeLocalTransaction(Message message, Object argument) {
                return LocalTransactionState.COMMIT_MESSAGE;
            }

            @Override
            public LocalTransactionState checkLocalTransaction(MessageExt message) {
                return LocalTransactionState.COMMIT_MESSAGE;
            }
        });
        producer.start();
        cleanups.add(producer::shutdown);
        return producer.sendMessageInTransaction(KeyedMessages.message(topic, "TagA", "transactional"), null)
                .getMsgId();
    }

    /** Starts a tracing push consumer; the map it fills is message key to message id. */
    private Map<String, String> consume(String topic, String group, String customizedTraceTopic)
            throws MQClientException {
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group, true, customizedTraceTopic);
        consumer.setNamesrvAddr(server.namesrvAddress());
        consumer.setInstanceName(UniqueName.of("traced-push"));
        consumer.setPullInterval(0);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        FailFirstTime listener = new FailFirstTime();
        consumer.registerMessageListener(listener);
        consumer.start();
        cleanups.add(consumer::shutdown);
        return listener.consumed;
    }

    /**
     * Records each consumed message's key and id; fails the first delivery of the message keyed {@code retried}.
     * Thread-safe: concurrent maps only.
     */
    private static final class FailFirstTime implements MessageListenerConcurrently {

        private final Map<String, String> consumed = new ConcurrentHashMap<>();

        static boolean redelivered(Map<String, String> consumed) {
            return consumed.containsKey("retried#2");
        }

        @Override
        public ConsumeConcurrentlyStatus consumeMessage(List<MessageExt> messages,
                                                        ConsumeConcurrentlyContext context) {
            for (MessageExt m : messages) {
                if (m.getKeys().equals("retried") && consumed.putIfAbsent("retried", m.getMsgId()) == null) {
                    return ConsumeConcurrentlyStatus.RECONSUME_LATER;
                }
                consumed.put(m.getKeys().equals("retried") ? "retried#2" : m.getKeys(), m.getMsgId());
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        }
    }
}
