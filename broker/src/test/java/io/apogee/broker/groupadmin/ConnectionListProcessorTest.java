package io.apogee.broker.groupadmin;

import static io.apogee.broker.groupadmin.GroupAdminFixture.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ResponseCode;
import org.junit.jupiter.api.Test;

class ConnectionListProcessorTest extends GroupAdminTest {

    private RemotingCommand consumerConnections(String group) throws Exception {
        return broker.call(admin, RemotingCommand.request(RequestCode.GET_CONSUMER_CONNECTION_LIST)
                .putExt("consumerGroup", group));
    }

    private static JsonNode json(RemotingCommand response) throws Exception {
        return JsonCodec.mapper().readTree(response.body());
    }

    @Test
    void shouldListLiveConsumersWithTheirSubscriptions() throws Exception {
        broker.consumer("10.0.0.1@1", "G1");
        broker.consumer("10.0.0.2@2", "G1");

        RemotingCommand response = consumerConnections("G1");

        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        JsonNode body = json(response);
        assertThat(body.path("consumeType").asText()).isEqualTo("CONSUME_PASSIVELY");
        assertThat(body.path("messageModel").asText()).isEqualTo("CLUSTERING");
        assertThat(body.path("consumeFromWhere").asText()).isEqualTo("CONSUME_FROM_FIRST_OFFSET");
        assertThat(body.path("connectionSet")).hasSize(2);
        JsonNode first = body.path("connectionSet").get(0);
        assertThat(first.path("clientId").asText()).isEqualTo("10.0.0.1@1");
        assertThat(first.path("clientAddr").asText()).startsWith("127.0.0.1:");
        assertThat(first.path("language").asText()).isEqualTo("JAVA");
        assertThat(first.path("version").asInt()).isPositive();
        JsonNode sub = body.path("subscriptionTable").path(TOPIC);
        assertThat(sub.path("subString").asText()).isEqualTo("TagA || TagB");
        assertThat(sub.path("tagsSet")).hasSize(2);
    }

    @Test
    void shouldAnswerConsumerNotOnlineForAGroupWithoutLiveClients() throws Exception {
        RemotingCommand response = consumerConnections("NOBODY");

        assertThat(response.code()).isEqualTo(ResponseCode.CONSUMER_NOT_ONLINE);
        assertThat(response.remark()).contains("NOBODY");
    }

    @Test
    void shouldRejectAnIllegalGroupName() throws Exception {
        RemotingCommand response = consumerConnections("bad group");

        assertThat(response.code()).isEqualTo(ResponseCode.INVALID_PARAMETER);
        assertThat(response.remark()).contains("bad group");
    }

    @Test
    void shouldListLiveProducersOfAGroup() throws Exception {
        broker.call(admin, GroupAdminFixture.producerHeartbeat("10.0.0.9@9", "PG"));

        RemotingCommand response = broker.call(admin, RemotingCommand.request(RequestCode.GET_PRODUCER_CONNECTION_LIST)
                .putExt("producerGroup", "PG"));

        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(json(response).path("connectionSet").get(0).path("clientId").asText()).isEqualTo("10.0.0.9@9");
    }

    @Test
    void shouldAnswerSystemErrorNamingAProducerGroupWithoutLiveClients() throws Exception {
        RemotingCommand response = broker.call(admin, RemotingCommand.request(RequestCode.GET_PRODUCER_CONNECTION_LIST)
                .putExt("producerGroup", "NOPG"));

        assertThat(response.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(response.remark()).contains("NOPG");
    }

    @Test
    void shouldNameLiveSubscribersAndGroupsWithOffsetsAsConsumersOfATopic() throws Exception {
        broker.consumer("10.0.0.1@1", "LIVE");
        broker.put(0, "m");
        broker.consumeSide.offsets().commit("OLD", TOPIC, 0, 1);

        RemotingCommand response = broker.call(admin, RemotingCommand.request(RequestCode.QUERY_TOPIC_CONSUME_BY_WHO)
                .putExt("topic", TOPIC));

        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(json(response).path("groupList")).extracting(JsonNode::asText).containsExactly("LIVE", "OLD");
    }

    @Test
    void shouldAnswerTopicNotExistWhenNobodyKnowsTheTopic() throws Exception {
        RemotingCommand response = broker.call(admin, RemotingCommand.request(RequestCode.QUERY_TOPIC_CONSUME_BY_WHO)
                .putExt("topic", "Nowhere"));

        assertThat(response.code()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
        assertThat(response.remark()).contains("Nowhere");
    }

    @Test
    void shouldListTheTopicsOnWhichAGroupHasOffsets() throws Exception {
        broker.put(1, "m");
        broker.consumeSide.offsets().commit("G1", TOPIC, 1, 1);

        RemotingCommand response = broker.call(admin, RemotingCommand.request(RequestCode.QUERY_TOPICS_BY_CONSUMER)
                .putExt("group", "G1"));

        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(json(response).path("topicList")).extracting(JsonNode::asText).containsExactly(TOPIC);
        assertThat(json(response).path("brokerAddr").asText()).isEqualTo(broker.address());
    }
}
