package io.apogee.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apogee.remoting.RemotingClient;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ResponseCode;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Apache's {@code DefaultMQAdminExt} (4.9.8 or 5.4.0, whichever module runs this) against the consumer- and
 * producer-side admin codes, with a live producer and a live push consumer that consumed {@link AdminScene}'s
 * messages: connection lists (203, 204), who consumes a topic (300), subscription groups (200, 201, 207), an
 * offset reset (222 with 220 to the running consumer, which then consumes again from the reset point), running
 * info (307) and consume-directly (309) relayed to the consumer, consumer status gathered from it (223 with 221),
 * offset cloning (314) read back with GET_ALL_CONSUMER_OFFSET (43).
 *
 * <p>The admin classes that differ in package between the two client versions (ConsumerConnection,
 * SubscriptionGroupConfig, ...) are only used through {@code var} or reflection, so this one source compiles
 * against both.
 */
class ConsumerAdminIT {

    /** Producer heartbeats come every 30 s. */
    private static final Duration HEARTBEAT_PATIENCE = Duration.ofSeconds(45);
    /** The 4.9.8/5.4.0 push consumer waits 10 s after a reset notice, then rebalances within 20 s. */
    private static final Duration RESET_PATIENCE = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final SharedServer server = new SharedServer();

    private AdminScene scene;
    private DefaultMQAdminExt admin;

    @BeforeEach
    void start() throws Exception {
        scene = AdminScene.start(server);
        admin = new DefaultMQAdminExt();
        admin.setNamesrvAddr(server.namesrvAddress());
        admin.setInstanceName(UniqueName.of("admin"));
        admin.start();
    }

    @AfterEach
    void stop() {
        admin.shutdown();
        scene.close();
    }

    private String brokerAddress() throws Exception {
        return admin.examineTopicRouteInfo(scene.topic).getBrokerDatas().get(0).selectBrokerAddr();
    }

    @Test
    void shouldListTheLiveConsumerOfTheGroupWithItsSubscription() throws Exception {
        var connections = admin.examineConsumerConnectionInfo(scene.consumerGroup);

        assertThat(connections.getConnectionSet().stream().map(c -> c.getClientId()).collect(Collectors.toSet()))
                .containsExactly(scene.consumerClientId());
        assertThat(connections.getSubscriptionTable()).containsKey(scene.topic);
        assertThat(String.valueOf(connections.getConsumeType())).isEqualTo("CONSUME_PASSIVELY");
        assertThat(String.valueOf(connections.getMessageModel())).isEqualTo("CLUSTERING");
        assertThat(String.valueOf(connections.getConsumeFromWhere())).isEqualTo("CONSUME_FROM_FIRST_OFFSET");
    }

    /** A producer is known from its heartbeats: 4.9.8 sends the first one to a new broker within 30 s. */
    @Test
    void shouldListTheLiveProducerOfTheGroup() {
        await().atMost(HEARTBEAT_PATIENCE).ignoreExceptions().untilAsserted(() -> {
            var connections = admin.examineProducerConnectionInfo(scene.producerGroup, scene.topic);
            assertThat(connections.getConnectionSet().stream().map(c -> c.getClientId()).collect(Collectors.toSet()))
                    .contains(scene.producerClientId());
        });
    }

    @Test
    void shouldNameTheConsumerGroupOfTheTopic() throws Exception {
        var groups = admin.queryTopicConsumeByWho(scene.topic);

        assertThat(groups.getGroupList()).contains(scene.consumerGroup);
    }

    @Test
    void shouldCreateReadAndDeleteASubscriptionGroup() throws Exception {
        String group = UniqueName.of("AdminSG");
        String broker = brokerAddress();
        Object config = SubscriptionGroupConfigs.of(group, 3, false);

        SubscriptionGroupConfigs.createOrUpdate(admin, broker, config);
        var found = admin.examineSubscriptionGroupConfig(broker, group);
        assertThat(found).isNotNull();
        assertThat(found.getRetryMaxTimes()).isEqualTo(3);
        assertThat(found.isConsumeEnable()).isFalse();

        admin.deleteSubscriptionGroup(broker, group);
        assertThat(admin.examineSubscriptionGroupConfig(broker, group)).isNull();
    }

    @Test
    void shouldMakeTheRunningConsumerConsumeAgainFromTheResetPoint() throws Exception {
        Map<MessageQueue, Long> reset = admin.resetOffsetByTimestamp(scene.topic, scene.consumerGroup,
                scene.firstSendTime(), true);

        assertThat(reset).hasSize(AdminScene.QUEUES);
        assertThat(reset.values()).containsOnly(0L);
        await().atMost(RESET_PATIENCE).untilAsserted(() -> assertThat(scene.received.duplicates())
                .as("messages delivered again after the reset").hasSize(AdminScene.MESSAGES));
    }

    @Test
    void shouldRelayRunningInfoFromTheConsumer() throws Exception {
        var info = admin.getConsumerRunningInfo(scene.consumerGroup, scene.consumerClientId(), false);

        assertThat(info).isNotNull();
        assertThat(info.getSubscriptionSet().stream().map(s -> s.getTopic())).contains(scene.topic);
        assertThat(info.getProperties().getProperty("PROP_CONSUME_TYPE")).isEqualTo("CONSUME_PASSIVELY");
    }

    @Test
    void shouldGatherTheQueueOffsetsOfTheLiveConsumer() throws Exception {
        Map<String, Map<MessageQueue, Long>> status = admin.getConsumeStatus(scene.topic, scene.consumerGroup, "");

        assertThat(status).containsOnlyKeys(scene.consumerClientId());
        Map<MessageQueue, Long> queues = status.get(scene.consumerClientId());
        assertThat(queues.keySet()).containsExactlyInAnyOrderElementsOf(scene.queues());
        assertThat(queues.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(AdminScene.MESSAGES);
    }

    @Test
    void shouldConsumeAStoredMessageDirectlyInTheLiveConsumer() throws Exception {
        RemotingClient client = new RemotingClient("consume-directly");
        client.start();
        try {
            RemotingCommand response = client.invokeSync(brokerAddress(),
                    RemotingCommand.request(RequestCode.CONSUME_MESSAGE_DIRECTLY)
                            .putExt("consumerGroup", scene.consumerGroup)
                            .putExt("clientId", scene.consumerClientId())
                            .putExt("msgId", scene.sent(0).getOffsetMsgId())
                            .putExt("topic", scene.topic), 10_000);

            assertThat(response.code()).as(response.remark()).isEqualTo(ResponseCode.SUCCESS);
            assertThat(JSON.readTree(response.body()).path("consumeResult").asText()).isEqualTo("CR_SUCCESS");
        } finally {
            client.close();
        }
    }

    /** The admin looks the message up by id (VIEW_MESSAGE_BY_ID, 33) first, then sends 309 to its store host. */
    @Test
    void shouldConsumeAMessageDirectlyThroughTheAdmin() throws Exception {
        var result = admin.consumeMessageDirectly(scene.consumerGroup, scene.consumerClientId(), scene.topic,
                scene.sent(1).getOffsetMsgId());

        assertThat(String.valueOf(result.getConsumeResult())).isEqualTo("CR_SUCCESS");
    }

    @Test
    void shouldCloneTheCommittedOffsetsOfTheGroup() throws Exception {
        String clone = UniqueName.of("AdminClone");

        admin.cloneGroupOffset(scene.consumerGroup, clone, scene.topic, false);

        JsonNode offsets = allConsumerOffsets().path("offsetTable").path(scene.topic + "@" + clone);
        long sum = 0;
        for (int queue = 0; queue < AdminScene.QUEUES; queue++) {
            sum += offsets.path(String.valueOf(queue)).asLong();
        }
        assertThat(sum).isEqualTo(AdminScene.MESSAGES);
    }

    private JsonNode allConsumerOffsets() throws Exception {
        RemotingClient client = new RemotingClient("all-offsets");
        client.start();
        try {
            RemotingCommand response = client.invokeSync(brokerAddress(),
                    RemotingCommand.request(RequestCode.GET_ALL_CONSUMER_OFFSET), 5_000);
            assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
            return JSON.readTree(response.body());
        } finally {
            client.close();
        }
    }

    /** Builds and sends Apache's SubscriptionGroupConfig, whose package differs between 4.9.8 and 5.4.0. */
    private static final class SubscriptionGroupConfigs {

        private static final String[] NAMES = {
            "org.apache.rocketmq.remoting.protocol.subscription.SubscriptionGroupConfig",
            "org.apache.rocketmq.common.subscription.SubscriptionGroupConfig"};

        static Class<?> type() throws ClassNotFoundException {
            for (String name : NAMES) {
                try {
                    return Class.forName(name);
                } catch (ClassNotFoundException e) {
                    // the other client version
                }
            }
            throw new ClassNotFoundException(String.join(" or ", NAMES));
        }

        static Object of(String group, int retryMaxTimes, boolean consumeEnable) throws Exception {
            Class<?> type = type();
            Object config = type.getConstructor().newInstance();
            type.getMethod("setGroupName", String.class).invoke(config, group);
            type.getMethod("setRetryMaxTimes", int.class).invoke(config, retryMaxTimes);
            type.getMethod("setConsumeEnable", boolean.class).invoke(config, consumeEnable);
            return config;
        }

        static void createOrUpdate(DefaultMQAdminExt admin, String broker, Object config) throws Exception {
            DefaultMQAdminExt.class.getMethod("createAndUpdateSubscriptionGroupConfig", String.class, type())
                    .invoke(admin, broker, config);
        }
    }
}
