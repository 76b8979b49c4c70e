package io.apogee.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.MQVersion;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Broker-side queue assignment with the 5.4.0 client (docs/protocol/16-timers-trace-reply-pop.md §4): push consumers
 * with {@code clientRebalance=false} ask the broker for their queues (QUERY_ASSIGNMENT) and the mode set by
 * {@code DefaultMQAdminExt.setMessageRequestMode} (SET_MESSAGE_REQUEST_MODE, {@code mqadmin setConsumeMode}).
 * {@code clientRebalance}, {@code queryAssignment} and the request mode are 5.x APIs: they are reached by reflection,
 * so the shared test tree compiles against 4.9.8, and the tests are skipped there.
 */
class QueryAssignmentIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @RegisterExtension
    static final SharedServer server = new SharedServer();

    private final List<DefaultMQPushConsumer> consumers = new ArrayList<>();
    private DefaultMQProducer producer;
    private DefaultMQAdminExt admin;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(MQVersion.getVersionDesc(MQVersion.CURRENT_VERSION).startsWith("V5_"),
                "clientRebalance and QUERY_ASSIGNMENT are 5.x client APIs");
        producer = TestClients.startedProducer(server.namesrvAddress());
        admin = new DefaultMQAdminExt();
        admin.setNamesrvAddr(server.namesrvAddress());
        admin.setInstanceName(UniqueName.of("admin"));
        admin.start();
    }

    @AfterEach
    void stop() {
        consumers.forEach(DefaultMQPushConsumer::shutdown);
        if (producer != null) {
            producer.shutdown();
        }
        if (admin != null) {
            admin.shutdown();
        }
    }

    @Test
    void shouldAssignPullByDefaultAndPopOnceTheModeIsSet() throws Exception {
        String topic = createdTopic();
        String group = UniqueName.of("AssignGroup");
        DefaultMQPushConsumer consumer = brokerRebalancedConsumer(group, topic, null);
        int queues = consumer.fetchSubscribeMessageQueues(topic).size();

        List<String> pull = await().atMost(PATIENCE).until(() -> assignment(consumer, topic),
                a -> a != null && a.size() == queues);
        assertThat(pull).allMatch(a -> a.endsWith("PULL"));

        setMode(topic, group, "POP", 0);

        assertThat(assignment(consumer, topic)).containsExactly(ApogeeServer.BROKER_NAME + "/-1/POP");
        assertThat(assignment(consumer, "%RETRY%" + group)).as("retry topics stay PULL")
                .containsExactly(ApogeeServer.BROKER_NAME + "/0/PULL");
        assertThatThrownBy(() -> setMode("%RETRY%" + group, group, "POP", 0))
                .hasRootCauseInstanceOf(MQClientException.class)
                .satisfies(e -> assertThat(((MQClientException) e.getCause()).getResponseCode()).isEqualTo(16))
                .hasMessageContaining("retry topic is not allowed to set mode");
    }

    @Test
    void shouldSplitTheQueuesAveragelyOverTwoClients() throws Exception {
        String topic = createdTopic();
        String group = UniqueName.of("AssignGroup");
        DefaultMQPushConsumer first = brokerRebalancedConsumer(group, topic, null);
        DefaultMQPushConsumer second = brokerRebalancedConsumer(group, topic, null);
        int queues = first.fetchSubscribeMessageQueues(topic).size();

        await().atMost(PATIENCE).until(() -> size(assignment(first, topic)) == queues / 2
                && size(assignment(second, topic)) == queues / 2);

        Set<String> union = new HashSet<>(assignment(first, topic));
        union.addAll(assignment(second, topic));
        assertThat(union).hasSize(queues).allMatch(a -> a.endsWith("PULL"));
    }

    @Test
    @SuppressWarnings("deprecation")
    void shouldConsumeEveryMessageThroughTheQueuesTheBrokerAssigns() throws Exception {
        String topic = createdTopic();
        Set<String> received = ConcurrentHashMap.newKeySet();
        DefaultMQPushConsumer consumer = brokerRebalancedConsumer(UniqueName.of("AssignGroup"), topic, received);
        Object rebalance = consumer.getDefaultMQPushConsumerImpl().getRebalanceImpl();

        Set<String> sent = KeyedMessages.sendOk(producer, topic, "assigned-", 40);

        assertThat(rebalance.getClass().getMethod("clientRebalance", String.class).invoke(rebalance, topic))
                .as("the client asks the broker for its queues").isEqualTo(false);
        await().atMost(PATIENCE).until(() -> received.containsAll(sent));
    }

    private static int size(List<String> assignment) {
        return assignment == null ? -1 : assignment.size();
    }

    private String createdTopic() throws Exception {
        String topic = UniqueName.of("AssignTopic");
        KeyedMessages.sendOk(producer, topic, "create-", 1);
        return topic;
    }

    /** A started push consumer with clientRebalance=false, recording the keys it receives (when asked to). */
    private DefaultMQPushConsumer brokerRebalancedConsumer(String group, String topic, Set<String> received)
            throws Exception {
        DefaultMQPushConsumer consumer = TestClients.pushConsumer(server.namesrvAddress(), group);
        DefaultMQPushConsumer.class.getMethod("setClientRebalance", boolean.class).invoke(consumer, false);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (batch, context) -> {
            if (received != null) {
                for (MessageExt m : batch) {
                    received.add(m.getKeys());
                }
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        consumers.add(consumer);
        return consumer;
    }

    /**
     * The client's QUERY_ASSIGNMENT of {@code topic} (5.x {@code MQClientInstance.queryAssignment}, strategy AVG) as
     * "brokerName/queueId/MODE" sorted, or null when the broker gave no assignment.
     */
    @SuppressWarnings("deprecation")
    private static List<String> assignment(DefaultMQPushConsumer consumer, String topic) throws Exception {
        Object factory = consumer.getDefaultMQPushConsumerImpl().getmQClientFactory();
        // MessageModel moved package in 5.x: take the class from the consumer's (CLUSTERING) model
        Enum<?> clustering = consumer.getMessageModel();
        Method query = factory.getClass().getMethod("queryAssignment", String.class, String.class, String.class,
                clustering.getDeclaringClass(), int.class);
        Set<?> assignments = (Set<?>) invoke(query, factory, topic, consumer.getConsumerGroup(), "AVG", clustering,
                3000);
        if (assignments == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Object a : assignments) {
            MessageQueue q = (MessageQueue) a.getClass().getMethod("getMessageQueue").invoke(a);
            Object mode = a.getClass().getMethod("getMode").invoke(a);
            out.add(q.getBrokerName() + "/" + q.getQueueId() + "/" + mode);
        }
        out.sort(null);
        return out;
    }

    /** {@code DefaultMQAdminExt.setMessageRequestMode} (5.x) on the broker. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void setMode(String topic, String group, String mode, int popShareQueueNum) throws Exception {
        Class<? extends Enum> modes = (Class<? extends Enum>) Class.forName(
                "org.apache.rocketmq.common.message.MessageRequestMode");
        Method set = DefaultMQAdminExt.class.getMethod("setMessageRequestMode", String.class, String.class,
                String.class, modes, int.class, long.class);
        invoke(set, admin, server.broker().address(), topic, group, Enum.valueOf(modes, mode), popShareQueueNum,
                5000L);
    }

    private static Object invoke(Method method, Object target, Object... args) throws Exception {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(method.getName() + " failed: " + e.getCause().getMessage(),
                    e.getCause());
        }
    }
}
