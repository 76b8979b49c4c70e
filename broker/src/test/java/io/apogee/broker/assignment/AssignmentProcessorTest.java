package io.apogee.broker.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.consumer.ConsumeSideFixture;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemotingClient;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.MessageRequestMode;
import io.apogee.remoting.body.SubscriptionData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssignmentProcessorTest {

    static final String TOPIC = ConsumeSideFixture.TOPIC;
    static final String GROUP = "GroupA";

    @TempDir
    Path dir;
    private ConsumeSideFixture broker;
    private RemotingClient client;

    private void start(BrokerConfig config) throws Exception {
        config.listenPort = 0;
        config.brokerName = "broker-t";
        broker = new ConsumeSideFixture(dir, config);
        client = broker.newClient("assignment-test");
    }

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    /** A heartbeat of consumer {@code clientId} of GroupA on a connection of its own (members are connections). */
    private void heartbeat(String clientId) throws Exception {
        RemotingCommand response = broker.call(broker.newClient(clientId), ConsumeSideFixture.heartbeat(clientId, GROUP,
                new SubscriptionData(TOPIC, "*", 1), "CONSUME_FROM_LAST_OFFSET"));
        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
    }

    static RemotingCommand queryRequest(String topic, String group, String clientId, String strategy, String model) {
        Map<String, String> body = Map.of("topic", topic, "consumerGroup", group, "clientId", clientId,
                "strategyName", strategy, "messageModel", model);
        return RemotingCommand.request(RequestCode.QUERY_ASSIGNMENT).body(JsonCodec.encode(body));
    }

    private JsonNode query(String topic, String clientId, String strategy, String model) throws Exception {
        RemotingCommand response = broker.call(client, queryRequest(topic, GROUP, clientId, strategy, model));
        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        return JsonCodec.mapper().readTree(response.body());
    }

    /** "broker/queueId/MODE" of each assignment, or null for no assignment. */
    static List<String> assignments(JsonNode body) {
        if (!body.has("messageQueueAssignments")) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (JsonNode a : body.get("messageQueueAssignments")) {
            JsonNode q = a.get("messageQueue");
            out.add(q.get("brokerName").asText() + "/" + q.get("queueId").asInt() + "/" + a.get("mode").asText());
        }
        return out;
    }

    private RemotingCommand setMode(String topic, String group, String mode, int share) throws Exception {
        String json = "{\"topic\":\"" + topic + "\",\"consumerGroup\":\"" + group + "\",\"mode\":\"" + mode
                + "\",\"popShareQueueNum\":" + share + "}";
        return broker.call(client, RemotingCommand.request(RequestCode.SET_MESSAGE_REQUEST_MODE)
                .body(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldAssignEveryQueueInPullModeToTheOnlyClientByDefault() throws Exception {
        start(new BrokerConfig());
        heartbeat("c0");

        assertThat(assignments(query(TOPIC, "c0", "AVG", "CLUSTERING")))
                .containsExactly("broker-t/0/PULL", "broker-t/1/PULL", "broker-t/2/PULL", "broker-t/3/PULL");
    }

    @Test
    void shouldSplitTheQueuesAmongTheGroupsClientsByTheirStrategy() throws Exception {
        start(new BrokerConfig());
        heartbeat("c1");
        heartbeat("c0");

        assertThat(assignments(query(TOPIC, "c0", "AVG", "CLUSTERING")))
                .containsExactly("broker-t/0/PULL", "broker-t/1/PULL");
        assertThat(assignments(query(TOPIC, "c1", "AVG", "CLUSTERING")))
                .containsExactly("broker-t/2/PULL", "broker-t/3/PULL");
        assertThat(assignments(query(TOPIC, "c1", "AVG_BY_CIRCLE", "CLUSTERING")))
                .containsExactly("broker-t/1/PULL", "broker-t/3/PULL");
        assertThat(assignments(query(TOPIC, "c1", "AVG", "BROADCASTING"))).hasSize(4);
    }

    @Test
    void shouldGiveEveryQueueToEachClientWithServerLoadBalancingOff() throws Exception {
        BrokerConfig config = new BrokerConfig();
        config.serverLoadBalancerEnable = false;
        start(config);
        heartbeat("c0");
        heartbeat("c1");

        assertThat(assignments(query(TOPIC, "c1", "AVG", "CLUSTERING"))).hasSize(4);
    }

    @Test
    void shouldAnswerNoAssignmentForAnUnknownStrategyTopicOrGroup() throws Exception {
        start(new BrokerConfig());
        heartbeat("c0");

        assertThat(assignments(query(TOPIC, "c0", "CONSISTENT_HASH", "CLUSTERING"))).isNull();
        assertThat(assignments(query("NoSuchTopic", "c0", "AVG", "CLUSTERING"))).isNull();
        RemotingCommand response = broker.call(client, queryRequest(TOPIC, "SilentGroup", "c0", "AVG", "CLUSTERING"));
        assertThat(assignments(JsonCodec.mapper().readTree(response.body()))).isNull();
        assertThat(assignments(query(TOPIC, "stranger", "AVG", "CLUSTERING"))).isEmpty();
    }

    @Test
    void shouldAssignPopQueuesOncePerBrokerAfterSetMessageRequestModeAndKeepItAcrossARestart() throws Exception {
        start(new BrokerConfig());
        heartbeat("c0");
        heartbeat("c1");

        assertThat(setMode(TOPIC, GROUP, "POP", 0).code()).isEqualTo(ResponseCode.SUCCESS);

        assertThat(assignments(query(TOPIC, "c1", "AVG", "CLUSTERING"))).containsExactly("broker-t/-1/POP");
        String file = Files.readString(broker.storeConfig.configDir().resolve("messageRequestMode.json"));
        assertThat(JsonCodec.mapper().readTree(file)).isEqualTo(JsonCodec.mapper().readTree(
                "{\"messageRequestModeMap\":{\"TopicA\":{\"GroupA\":{\"consumerGroup\":\"GroupA\",\"mode\":\"POP\","
                        + "\"popShareQueueNum\":0,\"topic\":\"TopicA\"}}}}"));

        broker.restartConsumeSide();
        heartbeat("c0");
        assertThat(broker.consumeSide.requestModes().mode(TOPIC, GROUP))
                .isEqualTo(new RequestMode(MessageRequestMode.POP, 0, true));
        assertThat(assignments(query(TOPIC, "c0", "AVG", "CLUSTERING"))).containsExactly("broker-t/-1/POP");

        assertThat(setMode(TOPIC, GROUP, "PULL", 0).code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(assignments(query(TOPIC, "c0", "AVG", "CLUSTERING"))).hasSize(4).allMatch(a -> a.endsWith("PULL"));
    }

    @Test
    void shouldShareTheQueuesOfTheNextClientsWithAPopShareQueueNum() throws Exception {
        start(new BrokerConfig());
        heartbeat("c0");
        heartbeat("c1");
        heartbeat("c2");
        heartbeat("c3");

        assertThat(setMode(TOPIC, GROUP, "POP", 1).code()).isEqualTo(ResponseCode.SUCCESS);

        assertThat(assignments(query(TOPIC, "c3", "AVG", "CLUSTERING")))
                .containsExactly("broker-t/3/POP", "broker-t/0/POP");
    }

    @Test
    void shouldUseTheBrokersDefaultModeButKeepRetryTopicsInPull() throws Exception {
        BrokerConfig config = new BrokerConfig();
        config.defaultMessageRequestMode = MessageRequestMode.POP;
        start(config);
        heartbeat("c0");

        assertThat(assignments(query(TOPIC, "c0", "AVG", "CLUSTERING"))).containsExactly("broker-t/-1/POP");
        assertThat(broker.consumeSide.requestModes().mode(TOPIC, GROUP))
                .isEqualTo(new RequestMode(MessageRequestMode.POP, -1, false));
        assertThat(assignments(query("%RETRY%" + GROUP, "c0", "AVG", "CLUSTERING")))
                .containsExactly("broker-t/0/PULL");
    }

    @Test
    void shouldRefuseRetryTopicsAndUnknownTopicsAsApacheDoes() throws Exception {
        start(new BrokerConfig());
        heartbeat("c0");

        RemotingCommand retry = setMode("%RETRY%" + GROUP, GROUP, "POP", 0);
        assertThat(retry.code()).isEqualTo(ResponseCode.NO_PERMISSION);
        assertThat(retry.remark()).isEqualTo("retry topic is not allowed to set mode");
        RemotingCommand topic = setMode("NoSuchTopic", GROUP, "POP", 0);
        assertThat(topic.code()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
        assertThat(topic.remark()).isEqualTo("topic[NoSuchTopic] not exist");
        assertThat(Files.exists(broker.storeConfig.configDir().resolve("messageRequestMode.json"))).isFalse();
    }

    @Test
    void shouldCreateAnUnknownGroupLikeApacheUnlessAutoCreationIsOff() throws Exception {
        start(new BrokerConfig());
        assertThat(setMode(TOPIC, "NewGroup", "POP", 0).code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(broker.consumeSide.subscriptionGroups().find("NewGroup")).isNotNull();
        RemotingCommand illegal = setMode(TOPIC, "bad group", "POP", 0);
        assertThat(illegal.code()).isEqualTo(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST);
        broker.close();

        BrokerConfig config = new BrokerConfig();
        config.autoCreateSubscriptionGroup = false;
        dir = Files.createDirectories(dir.resolve("no-auto-create"));
        start(config);
        RemotingCommand unknown = setMode(TOPIC, "OtherGroup", "POP", 0);
        assertThat(unknown.code()).isEqualTo(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST);
        assertThat(unknown.remark()).isEqualTo("subscription group does not exist");
        assertThat(broker.consumeSide.requestModes().mode(TOPIC, "OtherGroup").stored()).isFalse();
    }

    @Test
    void shouldRefuseAMalformedBody() throws Exception {
        start(new BrokerConfig());

        RemotingCommand response = broker.call(client, RemotingCommand.request(RequestCode.QUERY_ASSIGNMENT)
                .body("{not json".getBytes(StandardCharsets.UTF_8)));

        assertThat(response.code()).isEqualTo(ResponseCode.INVALID_PARAMETER);
    }
}
