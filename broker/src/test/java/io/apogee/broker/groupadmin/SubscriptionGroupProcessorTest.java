package io.apogee.broker.groupadmin;

import static io.apogee.broker.groupadmin.GroupAdminFixture.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ResponseCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class SubscriptionGroupProcessorTest extends GroupAdminTest {

    private static final String CONFIG = "{\"groupName\":\"GA\",\"consumeEnable\":false,\"consumeFromMinEnable\":true,"
            + "\"consumeBroadcastEnable\":false,\"retryQueueNums\":2,\"retryMaxTimes\":5,\"brokerId\":0,"
            + "\"whichBrokerWhenConsumeSlowly\":1,\"notifyConsumerIdsChangedEnable\":false,\"groupSysFlag\":0,"
            + "\"consumeTimeoutMinute\":20,\"attributes\":{\"k\":\"v\"},"
            + "\"groupRetryPolicy\":{\"type\":\"CUSTOMIZED\",\"customizedRetryPolicy\":{\"maxRetryTimes\":3}}}";

    private RemotingCommand update(String json) throws Exception {
        return broker.call(admin, RemotingCommand.request(RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP)
                .body(json.getBytes(StandardCharsets.UTF_8)));
    }

    private JsonNode all() throws Exception {
        RemotingCommand response = broker.call(admin,
                RemotingCommand.request(RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG));
        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        return JsonCodec.mapper().readTree(response.body());
    }

    private RemotingCommand delete(String group, boolean cleanOffset) throws Exception {
        return broker.call(admin, RemotingCommand.request(RequestCode.DELETE_SUBSCRIPTIONGROUP)
                .putExt("groupName", group).putExt("cleanOffset", cleanOffset));
    }

    @Test
    void shouldCreateAGroupKeepingEveryKeyAndPersistIt() throws Exception {
        assertThat(update(CONFIG).code()).isEqualTo(ResponseCode.SUCCESS);

        JsonNode body = all();
        JsonNode group = body.path("subscriptionGroupTable").path("GA");
        assertThat(group.path("consumeEnable").asBoolean()).isFalse();
        assertThat(group.path("retryQueueNums").asInt()).isEqualTo(2);
        assertThat(group.path("consumeTimeoutMinute").asInt()).isEqualTo(20);
        assertThat(group.path("attributes").path("k").asText()).isEqualTo("v");
        assertThat(group.path("groupRetryPolicy").path("type").asText()).isEqualTo("CUSTOMIZED");
        assertThat(body.path("forbiddenTable").isObject()).isTrue();
        assertThat(body.path("dataVersion").path("counter").asLong()).isPositive();
        String file = Files.readString(broker.storeConfig.configDir().resolve("subscriptionGroup.json"));
        assertThat(file).contains("\"GA\"").contains("CUSTOMIZED");
    }

    @Test
    void shouldRefusePullsOfAGroupCreatedWithConsumeDisabled() throws Exception {
        update(CONFIG);

        RemotingCommand pull = broker.call(admin, RemotingCommand.request(RequestCode.PULL_MESSAGE)
                .putExt("consumerGroup", "GA").putExt("topic", TOPIC).putExt("queueId", 0)
                .putExt("queueOffset", 0).putExt("maxMsgNums", 1).putExt("sysFlag", 0).putExt("commitOffset", 0)
                .putExt("suspendTimeoutMillis", 0).putExt("subVersion", 0));

        assertThat(pull.code()).isEqualTo(ResponseCode.NO_PERMISSION);
    }

    @Test
    void shouldRejectAnIllegalGroupNameAndStoreNothing() throws Exception {
        RemotingCommand response = update(CONFIG.replace("\"GA\"", "\"bad group\""));

        assertThat(response.code()).isEqualTo(ResponseCode.INVALID_PARAMETER);
        assertThat(response.remark()).contains("bad group");
        assertThat(all().path("subscriptionGroupTable").has("bad group")).isFalse();
    }

    @Test
    void shouldRejectRetryQueueNumsOutOfRange() throws Exception {
        RemotingCommand response = update(CONFIG.replace("\"retryQueueNums\":2", "\"retryQueueNums\":-3"));

        assertThat(response.code()).isEqualTo(ResponseCode.INVALID_PARAMETER);
        assertThat(response.remark()).contains("retryQueueNums -3");
        assertThat(broker.consumeSide.subscriptionGroups().find("GA")).isNull();
    }

    @Test
    void shouldRejectAMalformedBody() throws Exception {
        RemotingCommand response = update("{not json");

        assertThat(response.code()).isEqualTo(ResponseCode.INVALID_PARAMETER);
    }

    @Test
    void shouldDeleteAGroupAndWithCleanOffsetItsOffsets() throws Exception {
        update(CONFIG);
        broker.put(0, "m");
        broker.consumeSide.offsets().commit("GA", TOPIC, 0, 1);

        assertThat(delete("GA", true).code()).isEqualTo(ResponseCode.SUCCESS);

        assertThat(all().path("subscriptionGroupTable").has("GA")).isFalse();
        assertThat(broker.consumeSide.offsets().query("GA", TOPIC, 0)).isEqualTo(-1);
    }

    @Test
    void shouldAnswerGroupNotExistWhenDeletingAnUnknownGroup() throws Exception {
        RemotingCommand response = delete("NOSUCH", false);

        assertThat(response.code()).isEqualTo(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST);
        assertThat(response.remark()).contains("NOSUCH");
    }
}
