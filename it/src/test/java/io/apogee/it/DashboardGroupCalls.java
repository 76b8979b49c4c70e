package io.apogee.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.apogee.it.CoverageRatchet.Check;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.common.message.MessageExt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.apogee.it.AdminScene.PROBE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * The {@code DefaultMQAdminExt} calls behind the dashboard's consumer, message, DLQ and producer pages
 * ({@code ConsumerServiceImpl}, {@code MessageServiceImpl}, {@code DlqMessageServiceImpl},
 * {@code ProducerServiceImpl} of apache/rocketmq-dashboard), checked against the scene's live groups and its
 * message 7. The offset resets run last: the second one makes the live consumer receive everything again.
 * Run on one thread.
 */
final class DashboardGroupCalls {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final ObjectMapper TREES = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private final DashboardStage stage;
    private final AdminScene scene;
    private final String scratchGroup = UniqueName.of("DashboardGroup");

    DashboardGroupCalls(DashboardStage stage) {
        this.stage = stage;
        this.scene = stage.scene();
    }

    List<Check> checks() {
        return List.of(
                new Check("getAllSubscriptionGroup", () -> assertThat(stage.admin().getAllSubscriptionGroup(
                        stage.brokerAddr(), 30_000L).getSubscriptionGroupTable()).containsKey(scene.consumerGroup)),
                new Check("examineConsumeStats(group)", () -> assertConsumed(stage.admin()
                        .examineConsumeStats(scene.consumerGroup))),
                new Check("examineConsumeStats(group, topic)", () -> assertConsumed(stage.admin()
                        .examineConsumeStats(scene.consumerGroup, scene.topic))),
                new Check("examineConsumerConnectionInfo(group)", () -> assertConnection(stage.admin()
                        .examineConsumerConnectionInfo(scene.consumerGroup))),
                new Check("examineConsumerConnectionInfo(group, addr)", () -> assertConnection(stage.admin()
                        .examineConsumerConnectionInfo(scene.consumerGroup, stage.brokerAddr()))),
                new Check("getConsumerRunningInfo", this::runningInfo),
                new Check("examineSubscriptionGroupConfig", () -> assertThat(stage.admin()
                        .examineSubscriptionGroupConfig(stage.brokerAddr(), scene.consumerGroup).getGroupName())
                        .isEqualTo(scene.consumerGroup)),
                new Check("createAndUpdateSubscriptionGroupConfig", this::createGroup),
                new Check("deleteSubscriptionGroup", this::deleteGroup),
                new Check("queryMessage", this::queryMessage),
                new Check("viewMessage(offsetMsgId)", () -> assertProbe(stage.admin().viewMessage(scene.topic,
                        scene.sent(PROBE).getOffsetMsgId()))),
                new Check("viewMessage(msgId)", () -> assertProbe(stage.admin().viewMessage(scene.topic,
                        scene.sent(PROBE).getMsgId()))),
                new Check("messageTrackDetail", this::messageTrack),
                new Check("consumeMessageDirectly", () -> assertThat(stage.admin().consumeMessageDirectly(
                        scene.consumerGroup, scene.consumerClientId(), scene.topic, scene.sent(PROBE).getMsgId())
                        .getConsumeResult()).hasToString("CR_SUCCESS")),
                new Check("examineTopicRouteInfo(DLQ)", this::noDlq),
                new Check("examineProducerConnectionInfo", () -> assertThat(stage.admin()
                        .examineProducerConnectionInfo(scene.producerGroup, scene.topic).getConnectionSet())
                        .singleElement()
                        .satisfies(c -> assertThat(c.getClientId()).isEqualTo(scene.producerClientId()))),
                new Check("getConsumeStatus (the seed's getConsumerStatus)", this::consumeStatus),
                new Check("resetOffsetByTimestampOld", this::resetOld),
                new Check("resetOffsetByTimestamp", this::reset));
    }

    /** Checks a ConsumeStats (its class moved package between versions, so it is read as a JSON tree). */
    private void assertConsumed(Object consumeStats) {
        JsonNode table = TREES.valueToTree(consumeStats).path("offsetTable");
        List<JsonNode> ofTopic = new ArrayList<>();
        table.fields().forEachRemaining(entry -> {
            if (entry.getKey().contains("topic=" + scene.topic + ",")) {
                ofTopic.add(entry.getValue());
            }
        });
        assertThat(ofTopic).as("queues of the topic in %s", table).hasSize(AdminScene.QUEUES);
        assertThat(ofTopic.stream().mapToLong(o -> o.path("brokerOffset").asLong()).sum())
                .as("broker offsets in %s", table).isEqualTo(AdminScene.MESSAGES);
        assertThat(ofTopic.stream().mapToLong(o -> o.path("consumerOffset").asLong()).sum())
                .as("consumer offsets in %s", table).isEqualTo(AdminScene.MESSAGES);
        long diff = 0;
        for (JsonNode offsets : table) {
            diff += offsets.path("brokerOffset").asLong() - offsets.path("consumerOffset").asLong();
        }
        assertThat(diff).as("total diff of %s", table).isZero();
    }

    /** Checks a ConsumerConnection (read as a JSON tree, like {@link #assertConsumed}). */
    private void assertConnection(Object consumerConnection) {
        JsonNode connection = TREES.valueToTree(consumerConnection);
        assertThat(connection.path("connectionSet")).as("%s", connection).singleElement()
                .satisfies(c -> assertThat(c.path("clientId").asText()).isEqualTo(scene.consumerClientId()));
        assertThat(connection.path("messageModel").asText()).isEqualTo("CLUSTERING");
        assertThat(connection.path("consumeType").asText()).isEqualTo("CONSUME_PASSIVELY");
        assertThat(connection.path("subscriptionTable").has(scene.topic)).as("%s", connection).isTrue();
    }

    private void runningInfo() throws Exception {
        var info = stage.admin().getConsumerRunningInfo(scene.consumerGroup, scene.consumerClientId(), false);
        assertThat(info.getSubscriptionSet()).anySatisfy(s -> assertThat(s.getTopic()).isEqualTo(scene.topic));
        assertThat(info.getMqTable().keySet()).containsAll(scene.queues());
        assertThat(info.getProperties()).containsKey("PROP_CONSUMER_START_TIMESTAMP");
    }

    private void createGroup() throws Exception {
        stage.createSubscriptionGroup(scratchGroup, 5);
        var config = stage.observer().examineSubscriptionGroupConfig(stage.brokerAddr(), scratchGroup);
        assertThat(config.getGroupName()).isEqualTo(scratchGroup);
        assertThat(config.getRetryMaxTimes()).isEqualTo(5);
    }

    private void deleteGroup() throws Exception {
        stage.admin().deleteSubscriptionGroup(stage.brokerAddr(), scratchGroup, true);
        assertThat(stage.observer().getAllSubscriptionGroup(stage.brokerAddr(), 30_000L).getSubscriptionGroupTable())
                .doesNotContainKey(scratchGroup).containsKey(scene.consumerGroup);
    }

    private void queryMessage() throws Exception {
        List<MessageExt> found = stage.admin().queryMessage(scene.topic, scene.key(PROBE), 64, 0,
                System.currentTimeMillis()).getMessageList();
        assertThat(found).singleElement().satisfies(this::assertProbe);
    }

    private void assertProbe(MessageExt message) {
        SendResult probe = scene.sent(PROBE);
        assertThat(message.getTopic()).isEqualTo(scene.topic);
        assertThat(message.getKeys()).isEqualTo(scene.key(PROBE));
        assertThat(message.getQueueId()).isEqualTo(probe.getMessageQueue().getQueueId());
        assertThat(message.getQueueOffset()).isEqualTo(probe.getQueueOffset());
        assertThat(new String(message.getBody(), StandardCharsets.UTF_8))
                .isEqualTo("body of " + scene.key(PROBE));
    }

    private void messageTrack() throws Exception {
        MessageExt message = stage.observer().viewMessage(scene.topic, scene.sent(PROBE).getOffsetMsgId());
        assertThat(stage.admin().messageTrackDetail(message)).singleElement().satisfies(track -> {
            assertThat(track.getConsumerGroup()).isEqualTo(scene.consumerGroup);
            assertThat(track.getTrackType()).hasToString("CONSUMED");
        });
    }

    private void noDlq() {
        MQClientException missing = catchThrowableOfType(MQClientException.class,
                () -> stage.admin().examineTopicRouteInfo(MixAll.DLQ_GROUP_TOPIC_PREFIX + scene.consumerGroup));
        assertThat(missing).as("route of a DLQ that was never created").isNotNull();
        assertThat(missing.getResponseCode()).isEqualTo(17);
    }

    /**
     * Not a dashboard call: what the seed's {@code mqadmin getConsumerStatus} did (neither 4.9.8 nor 5.4.0 registers
     * that command any more): the broker asks every live client of the group for its offsets of the topic.
     */
    private void consumeStatus() throws Exception {
        var byClient = stage.admin().getConsumeStatus(scene.topic, scene.consumerGroup, null);
        assertThat(byClient).containsOnlyKeys(scene.consumerClientId());
        var offsets = byClient.get(scene.consumerClientId());
        assertThat(offsets.keySet()).containsExactlyInAnyOrderElementsOf(scene.queues());
        assertThat(offsets.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(AdminScene.MESSAGES);
    }

    private void resetOld() throws Exception {
        var rollbacks = stage.admin().resetOffsetByTimestampOld(scene.consumerGroup, scene.topic,
                System.currentTimeMillis() + 60_000, true);
        assertThat(rollbacks).hasSize(AdminScene.QUEUES)
                .allSatisfy(r -> assertThat(r.getRollbackOffset()).isEqualTo(r.getBrokerOffset()));
        assertThat(rollbacks.stream().mapToLong(r -> r.getRollbackOffset()).sum()).isEqualTo(AdminScene.MESSAGES);
    }

    private void reset() throws Exception {
        var offsets = stage.admin().resetOffsetByTimestamp(scene.topic, scene.consumerGroup,
                scene.firstSendTime() - 1_000, true);
        assertThat(offsets.keySet()).containsExactlyInAnyOrderElementsOf(scene.queues());
        assertThat(offsets.values()).containsOnly(0L);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(scene.received.duplicates())
                .as("messages delivered again after the reset").hasSize(AdminScene.MESSAGES));
    }
}
