package io.apogee.broker.admin;

import static io.apogee.broker.admin.AdminBrokerFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.broker.BrokerFixtureTest;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.QueryConsumeQueueResponseBody;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConsumeQueueQueryProcessorTest extends BrokerFixtureTest<AdminBrokerFixture> {

    ConsumeQueueQueryProcessorTest() {
        super(AdminBrokerFixture::new);
    }

    private static RemotingCommand query(String topic, int queueId, long index, int count) {
        return request(RequestCode.QUERY_CONSUME_QUEUE, "topic", topic, "queueId", queueId, "index", index,
                "count", count);
    }

    @Test
    void shouldServeRawUnitsFromTheIndex() throws Exception {
        for (int i = 0; i < 3; i++) {
            fixture.send("Cq", 1, "Tag" + i);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> fixture.broker.store().maxOffsetInQueue("Cq", 1) == 3);

        RemotingCommand answer = fixture.call(query("Cq", 1, 1, 5));

        assertThat(answer.code()).isEqualTo(ResponseCode.SUCCESS);
        QueryConsumeQueueResponseBody body = JsonCodec.decode(answer.body(), QueryConsumeQueueResponseBody.class);
        assertThat(body.minQueueIndex).isZero();
        assertThat(body.maxQueueIndex).isEqualTo(3);
        assertThat(body.queueData).hasSize(2);
        assertThat(body.queueData.get(0).tagsCode).isEqualTo("Tag1".hashCode());
        assertThat(body.queueData.get(1).tagsCode).isEqualTo("Tag2".hashCode());
        assertThat(body.queueData.get(0).physicSize).isPositive();
        assertThat(body.queueData.get(1).physicOffset)
                .isEqualTo(body.queueData.get(0).physicOffset + body.queueData.get(0).physicSize);
        assertThat(body.subscriptionData).isNull();
    }

    @Test
    void shouldSayAGroupIsNotOnline() throws Exception {
        fixture.send("Cq", 0, "T");
        await().atMost(Duration.ofSeconds(5)).until(() -> fixture.broker.store().maxOffsetInQueue("Cq", 0) == 1);

        RemotingCommand answer = fixture.call(query("Cq", 0, 0, 1).putExt("consumerGroup", "G1"));

        QueryConsumeQueueResponseBody body = JsonCodec.decode(answer.body(), QueryConsumeQueueResponseBody.class);
        assertThat(body.filterData).isEqualTo("G1@Cq is not online!");
        assertThat(body.queueData).hasSize(1);
    }

    @Test
    void shouldAnswerAnUnknownQueueWithApachesWording() throws Exception {
        RemotingCommand answer = fixture.call(query("Nope", 3, 0, 1));

        assertThat(answer.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(answer.remark()).isEqualTo("3@Nope is not exist!");
    }

    @Test
    void shouldSayWhenTheIndexIsOutsideTheQueue() throws Exception {
        fixture.send("Cq", 0, "T");
        await().atMost(Duration.ofSeconds(5)).until(() -> fixture.broker.store().maxOffsetInQueue("Cq", 0) == 1);

        RemotingCommand answer = fixture.call(query("Cq", 0, 7, 1));

        assertThat(answer.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(answer.remark()).startsWith("Index 7 of 0@Cq is not exist!");
        assertThat(JsonCodec.decode(answer.body(), QueryConsumeQueueResponseBody.class).queueData).isEmpty();
    }
}
