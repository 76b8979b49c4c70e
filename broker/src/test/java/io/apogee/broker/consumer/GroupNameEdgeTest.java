package io.apogee.broker.consumer;

import static io.apogee.broker.consumer.ConsumeSideFixture.TOPIC;
import static io.apogee.broker.consumer.ConsumeSideFixture.heartbeat;
import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.broker.client.ClientManageProcessor;
import io.apogee.broker.topic.GroupNameRule;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.ConsumerData;
import io.apogee.remoting.body.HeartbeatData;
import io.apogee.remoting.body.LockBatchRequestBody;
import io.apogee.remoting.body.MessageQueueBody;
import io.apogee.remoting.body.ProducerData;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Group names that break the group-name rule, wherever a group name enters the consume side. */
class GroupNameEdgeTest extends ConsumeSideTest {

    private static final List<String> ILLEGAL = List.of("G/1", "G\nINFO forged log line", "g".repeat(10_000),
            "g".repeat(GroupNameRule.MAX_LENGTH + 1), "G 1", "");

    @Test
    void shouldRefuseAHeartbeatWithAnIllegalConsumerGroupAndCreateNothing() throws Exception {
        for (String group : ILLEGAL) {
            RemotingCommand response = broker.call(client, heartbeat("10.0.0.1@1", group, TOPIC, "*", 1));

            assertThat(response.code()).as(response.remark()).isEqualTo(ResponseCode.INVALID_PARAMETER);
            assertThat(response.remark()).contains("group name").doesNotContain("\n");
            assertThat(response.remark().length()).isLessThan(600);
            assertNothingCreatedFor(group);
        }
    }

    @Test
    void shouldRefuseAHeartbeatWithALegalAndAnIllegalGroupAsAWhole() throws Exception {
        HeartbeatData data = JsonCodec.decode(heartbeat("10.0.0.1@1", "Legal", TOPIC, "*", 1).body(),
                HeartbeatData.class);
        data.producerDataSet.add(new ProducerData("P/1"));

        RemotingCommand response = broker.call(client,
                RemotingCommand.request(RequestCode.HEART_BEAT).body(JsonCodec.encode(data)));

        assertThat(response.code()).isEqualTo(ResponseCode.INVALID_PARAMETER);
        assertThat(response.remark()).contains("'P/1'").contains("'/'");
        assertNothingCreatedFor("Legal");
        assertThat(broker.consumeSide.clients().producerConnections("P/1")).isEmpty();
    }

    @Test
    void shouldRefuseAHeartbeatRegisteringMoreGroupsThanTheLimit() throws Exception {
        HeartbeatData data = new HeartbeatData();
        data.clientID = "10.0.0.1@1";
        for (int i = 0; i <= ClientManageProcessor.MAX_GROUPS_PER_HEARTBEAT; i++) {
            ConsumerData consumer = new ConsumerData();
            consumer.groupName = "G" + i;
            consumer.consumeType = "CONSUME_PASSIVELY";
            consumer.messageModel = ConsumerData.CLUSTERING;
            data.consumerDataSet.add(consumer);
        }

        RemotingCommand response = broker.call(client,
                RemotingCommand.request(RequestCode.HEART_BEAT).body(JsonCodec.encode(data)));

        assertThat(response.code()).isEqualTo(ResponseCode.INVALID_PARAMETER);
        assertThat(response.remark()).contains((ClientManageProcessor.MAX_GROUPS_PER_HEARTBEAT + 1) + " groups")
                .contains("allowed " + ClientManageProcessor.MAX_GROUPS_PER_HEARTBEAT);
        assertNothingCreatedFor("G0");
        assertThat(broker.consumeSide.subscriptionGroups().find("G" + ClientManageProcessor.MAX_GROUPS_PER_HEARTBEAT))
                .isNull();
    }

    @Test
    void shouldAcceptTheLongestLegalGroupName() throws Exception {
        String longest = "g".repeat(GroupNameRule.MAX_LENGTH);

        RemotingCommand response = broker.call(client, heartbeat("10.0.0.1@1", longest, TOPIC, "*", 1));

        assertThat(response.code()).as(response.remark()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(broker.topics.find("%RETRY%" + longest)).isNotNull();
    }

    @Test
    void shouldRefuseIllegalGroupsInOffsetLockAndConsumerListRequests() throws Exception {
        for (String group : List.of("G/1", "g".repeat(10_000))) {
            List<RemotingCommand> requests = List.of(
                    RemotingCommand.request(RequestCode.QUERY_CONSUMER_OFFSET)
                            .putExt("consumerGroup", group).putExt("topic", TOPIC).putExt("queueId", 0),
                    RemotingCommand.request(RequestCode.UPDATE_CONSUMER_OFFSET).putExt("consumerGroup", group)
                            .putExt("topic", TOPIC).putExt("queueId", 0).putExt("commitOffset", 0),
                    RemotingCommand.request(RequestCode.GET_CONSUMER_LIST_BY_GROUP).putExt("consumerGroup", group),
                    lock(RequestCode.LOCK_BATCH_MQ, group),
                    lock(RequestCode.UNLOCK_BATCH_MQ, group));
            for (RemotingCommand request : requests) {
                RemotingCommand response = broker.call(client, request);

                assertThat(response.code()).as("request code %d: %s", request.code(), response.remark())
                        .isEqualTo(ResponseCode.INVALID_PARAMETER);
                assertThat(response.remark()).contains("group name").hasSizeLessThan(600);
            }
        }
        assertThat(broker.consumeSide.offsets().query("G/1", TOPIC, 0)).isNegative();
    }

    private static RemotingCommand lock(int code, String group) {
        LockBatchRequestBody body = new LockBatchRequestBody();
        body.clientId = "10.0.0.1@1";
        body.consumerGroup = group;
        body.mqSet.add(new MessageQueueBody(TOPIC, "broker-a", 0));
        return RemotingCommand.request(code).body(JsonCodec.encode(body));
    }

    private void assertNothingCreatedFor(String group) {
        assertThat(broker.consumeSide.subscriptionGroups().find(group)).as("subscription group").isNull();
        assertThat(broker.topics.find("%RETRY%" + group)).as("retry topic").isNull();
        assertThat(broker.consumeSide.clients().consumerGroup(group)).as("registered consumers").isNull();
    }
}
