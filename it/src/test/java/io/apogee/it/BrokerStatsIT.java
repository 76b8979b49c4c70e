package io.apogee.it;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Apogee's measured statistics through Apache's own admin API ({@code DefaultMQAdminExt}, the API behind
 * {@code mqadmin topicStatus}, {@code consumerProgress}, {@code brokerStatus}, {@code clusterList},
 * {@code brokerConsumeStats}, {@code statsAll}): a real producer sends {@value #SENT_FIRST} messages, a real push
 * consumer consumes them and stops, {@value #SENT_LATER} more are sent; every figure must then add up. The body
 * classes differ in package between the 4.9.8 and 5.4.0 tools, so their values are held in {@code var}s.
 */
class BrokerStatsIT {

    private static final int SENT_FIRST = 30;
    private static final int SENT_LATER = 10;
    private static final int SENT = SENT_FIRST + SENT_LATER;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @RegisterExtension
    static final SharedServer server = new SharedServer();

    private static final String TOPIC = UniqueName.of("StatsTopic");
    private static final String GROUP = UniqueName.of("StatsGroup");
    private static DefaultMQAdminExt admin;
    private static String brokerAddr;

    @BeforeAll
    static void produceAndConsumeKnownCounts() throws Exception {
        admin = new DefaultMQAdminExt();
        admin.setNamesrvAddr(server.namesrvAddress());
        admin.setInstanceName(UniqueName.of("admin"));
        admin.start();
        brokerAddr = server.broker().address();
        DefaultMQProducer producer = TestClients.startedProducer(server.namesrvAddress());
        try {
            send(producer, "first", SENT_FIRST);
            ReceivedMessages received = new ReceivedMessages();
            DefaultMQPushConsumer consumer = TestClients.pushConsumer(server.namesrvAddress(), GROUP);
            consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
            consumer.setPersistConsumerOffsetInterval(500);
            consumer.subscribe(TOPIC, "*");
            consumer.registerMessageListener(received);
            consumer.start();
            try {
                await().atMost(PATIENCE).until(() -> received.keys().size() == SENT_FIRST);
                await().atMost(PATIENCE).ignoreExceptions().until(() -> committed() == SENT_FIRST);
            } finally {
                consumer.shutdown();
            }
            send(producer, "later", SENT_LATER);
        } finally {
            producer.shutdown();
        }
    }

    @AfterAll
    static void stopAdmin() {
        if (admin != null) {
            admin.shutdown();
        }
    }

    private static void send(DefaultMQProducer producer, String prefix, int count) throws Exception {
        for (Message message : KeyedMessages.batch(TOPIC, "TagA", prefix, count)) {
            producer.send(message);
        }
    }

    /** The group's committed offsets on the topic, summed, as the broker reports them. */
    private static long committed() throws Exception {
        long sum = 0;
        for (var wrapper : admin.examineConsumeStats(GROUP, TOPIC).getOffsetTable().values()) {
            sum += wrapper.getConsumerOffset();
        }
        return sum;
    }

    @Test
    void shouldShowEveryQueueOfTheTopicWithItsOffsets() throws Exception {
        var stats = admin.examineTopicStats(TOPIC);

        long stored = 0;
        for (var entry : stats.getOffsetTable().entrySet()) {
            MessageQueue queue = entry.getKey();
            assertThat(queue.getTopic()).isEqualTo(TOPIC);
            stored += entry.getValue().getMaxOffset() - entry.getValue().getMinOffset();
            if (entry.getValue().getMaxOffset() > 0) {
                assertThat(entry.getValue().getLastUpdateTimestamp()).as("newest store time of " + queue)
                        .isPositive();
            }
        }
        assertThat(stored).isEqualTo(SENT);
    }

    @Test
    void shouldShowTheGroupsLagAsSentMinusConsumed() throws Exception {
        var stats = admin.examineConsumeStats(GROUP, TOPIC);

        long brokerOffsets = 0;
        long consumerOffsets = 0;
        for (var wrapper : stats.getOffsetTable().values()) {
            brokerOffsets += wrapper.getBrokerOffset();
            consumerOffsets += wrapper.getConsumerOffset();
        }
        assertThat(brokerOffsets).isEqualTo(SENT);
        assertThat(consumerOffsets).isEqualTo(SENT_FIRST);
        assertThat(stats.computeTotalDiff()).isEqualTo(SENT - SENT_FIRST);
    }

    @Test
    void shouldExposeTheSameCountsToPrometheus() throws Exception {
        PrometheusScrape broker = PrometheusScrape.of(server.broker().metricsPort());

        assertThat(broker.value("rocketmq_messages_in_total", "topic", TOPIC)).isEqualTo(SENT);
        assertThat(broker.value("rocketmq_throughput_in_total", "topic", TOPIC)).isPositive();
        assertThat(broker.value("rocketmq_messages_out_total", "topic", TOPIC, "consumer_group", GROUP))
                .isGreaterThanOrEqualTo(SENT_FIRST);
        assertThat(broker.value("rocketmq_consumer_lag_messages", "topic", TOPIC, "consumer_group", GROUP))
                .isEqualTo(SENT - SENT_FIRST);
        assertThat(broker.value("rocketmq_storage_healthy")).isEqualTo(1);
        assertThat(broker.values("rocketmq_messages_in_total", "cluster", "DefaultCluster", "node_type", "broker",
                "node_id", ApogeeServer.BROKER_NAME)).isNotEmpty();
        assertThat(broker.text()).contains("jvm_memory_used_bytes");
        assertThat(broker.value("rocketmq_rpc_latency_count", "request_code", "310", "response_code", "0"))
                .as("SEND_MESSAGE_V2 answered SUCCESS").isGreaterThanOrEqualTo(SENT);
        PrometheusScrape namesrv = PrometheusScrape.of(server.namesrv().metricsPort());
        assertThat(namesrv.value("rocketmq_namesrv_brokers", "role", "master")).isEqualTo(1);
    }

    @Test
    void shouldShowMeasuredBrokerTotalsAndAnActiveBroker() throws Exception {
        Map<String, String> table = admin.fetchBrokerRuntimeStats(brokerAddr).getTable();

        assertThat(Long.parseLong(table.get("msgPutTotalTodayNow"))).isGreaterThanOrEqualTo(SENT);
        assertThat(Long.parseLong(table.get("msgGetTotalTodayNow"))).isGreaterThanOrEqualTo(SENT_FIRST);
        assertThat(Long.parseLong(table.get("msgPutTotalTodayMorning"))).isZero();
        assertThat(table).containsEntry("brokerActive", "true").containsKey("brokerVersionDesc");
        assertThat(table.get("putTps").split(" ")).hasSize(3);
        assertThat(table.get("getTransferredTps").split(" ")).hasSize(3);
    }

    @Test
    void shouldShowTheConsumeTimeSpanOfEveryQueue() throws Exception {
        var spans = admin.queryConsumeTimeSpan(TOPIC, GROUP);

        assertThat(spans).isNotEmpty();
        long waiting = 0;
        for (var span : spans) {
            if (span.getMaxTimeStamp() > 0) {
                assertThat(span.getConsumeTimeStamp()).isBetween(span.getMinTimeStamp(), span.getMaxTimeStamp());
            }
            waiting += span.getDelayTime() > 0 ? 1 : 0;
        }
        assertThat(waiting).as("queues whose next message waits").isPositive();
    }

    @Test
    void shouldListTheGroupInTheBrokersConsumeStats() throws Exception {
        var list = admin.fetchConsumeStatsInBroker(brokerAddr, false, 5_000);

        assertThat(list.getBrokerAddr()).isEqualTo(brokerAddr);
        long lag = -1;
        for (var perGroup : list.getConsumeStatsList()) {
            if (perGroup.containsKey(GROUP)) {
                lag = 0;
                for (var stats : perGroup.get(GROUP)) {
                    lag += stats.computeTotalDiff();
                }
            }
        }
        assertThat(lag).isEqualTo(SENT - SENT_FIRST);
        assertThat(list.getTotalDiff()).isGreaterThanOrEqualTo(SENT - SENT_FIRST);
    }

    @Test
    void shouldShowTopicPutAndGroupGetStatsAsStatsAllReadsThem() throws Exception {
        var put = admin.viewBrokerStatsData(brokerAddr, "TOPIC_PUT_NUMS", TOPIC);
        var got = admin.viewBrokerStatsData(brokerAddr, "GROUP_GET_NUMS", TOPIC + "@" + GROUP);

        assertThat(put.getStatsDay().getSum()).isEqualTo(SENT);
        assertThat(put.getStatsHour().getSum()).isEqualTo(SENT);
        assertThat(got.getStatsDay().getSum()).isGreaterThanOrEqualTo(SENT_FIRST);
        assertThat(List.of(put.getStatsMinute().getTps(), put.getStatsMinute().getAvgpt())).allSatisfy(
                v -> assertThat(v).isNotNegative());
    }
}
