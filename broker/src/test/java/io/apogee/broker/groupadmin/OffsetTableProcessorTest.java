package io.apogee.broker.groupadmin;

import static io.apogee.broker.groupadmin.GroupAdminFixture.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ResponseCode;
import org.junit.jupiter.api.Test;

class OffsetTableProcessorTest extends GroupAdminTest {

    private RemotingCommand cloneOffsets(String topic, boolean offline) throws Exception {
        RemotingCommand request = RemotingCommand.request(RequestCode.CLONE_GROUP_OFFSET)
                .putExt("srcGroup", "SRC").putExt("destGroup", "DEST").putExt("offline", offline);
        return broker.call(admin, topic == null ? request : request.putExt("topic", topic));
    }

    @Test
    void shouldAnswerEveryCommittedOffsetKeyedByTopicAndGroup() throws Exception {
        broker.put(0, "a");
        broker.put(2, "b");
        broker.consumeSide.offsets().commit("G1", TOPIC, 0, 1);
        broker.consumeSide.offsets().commit("G1", TOPIC, 2, 1);

        RemotingCommand response = broker.call(admin, RemotingCommand.request(RequestCode.GET_ALL_CONSUMER_OFFSET));

        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        JsonNode table = JsonCodec.mapper().readTree(response.body()).path("offsetTable").path(TOPIC + "@G1");
        assertThat(table.path("0").asLong()).isEqualTo(1);
        assertThat(table.path("2").asLong()).isEqualTo(1);
    }

    @Test
    void shouldAnswerTheDelayOffsetOfEveryLevel() throws Exception {
        RemotingCommand response = broker.call(admin, RemotingCommand.request(RequestCode.GET_ALL_DELAY_OFFSET));

        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("{\"offsetTable\":{\"1\":10,\"2\":20,\"3\":30}}");
    }

    @Test
    void shouldCloneTheOffsetsOfEveryTopicOfTheSourceGroup() throws Exception {
        broker.put(3, "a");
        broker.consumeSide.offsets().commit("SRC", TOPIC, 3, 1);

        RemotingCommand response = cloneOffsets(null, true);

        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(broker.consumeSide.offsets().query("DEST", TOPIC, 3)).isEqualTo(1);
    }

    @Test
    void shouldNotCloneATopicAnOnlineSourceGroupDoesNotSubscribe() throws Exception {
        broker.topics.createOrGet("Other", 1, 6, 0).ready().join();
        broker.consumeSide.offsets().commit("SRC", "Other", 0, 0);
        broker.consumer("10.0.0.1@1", "SRC");

        cloneOffsets("Other", false);

        assertThat(broker.consumeSide.offsets().query("DEST", "Other", 0)).isEqualTo(-1);
    }

    @Test
    void shouldAnswerTopicNotExistWhenCloningAnUnknownTopic() throws Exception {
        RemotingCommand response = cloneOffsets("Nowhere", true);

        assertThat(response.code()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
        assertThat(response.remark()).contains("Nowhere");
    }

    @Test
    void shouldAnswerTheSmallestOffsetOfTheUnfilteredGroupsUnlessTheCompareGroupIsPastIt() throws Exception {
        for (int i = 0; i < 6; i++) {
            broker.put(i % 2, "m" + i);
        }
        var offsets = broker.consumeSide.offsets();
        offsets.commit("SLOW", TOPIC, 0, 1);
        offsets.commit("FAST", TOPIC, 0, 3);
        offsets.commit("FAST", TOPIC, 1, 3);
        offsets.commit("IGNORED", TOPIC, 1, 0);
        offsets.commit("CMP", TOPIC, 1, 2);

        RemotingCommand response = broker.call(admin, RemotingCommand.request(RequestCode.QUERY_CORRECTION_OFFSET)
                .putExt("topic", TOPIC).putExt("compareGroup", "CMP").putExt("filterGroups", "IGNORED"));

        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        JsonNode correction = JsonCodec.mapper().readTree(response.body()).path("correctionOffsets");
        assertThat(correction.path("0").asLong()).as("SLOW's offset, the smallest").isEqualTo(1);
        assertThat(correction.path("1").asLong()).as("CMP's own offset is the smallest left").isEqualTo(2);
    }
}
