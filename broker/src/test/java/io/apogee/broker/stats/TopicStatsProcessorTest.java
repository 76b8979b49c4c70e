package io.apogee.broker.stats;

import com.fasterxml.jackson.databind.JsonNode;
import io.apogee.broker.BrokerFixtureTest;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ResponseCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopicStatsProcessorTest extends BrokerFixtureTest<StatsBrokerFixture> {

    TopicStatsProcessorTest() {
        super(StatsBrokerFixture::new);
    }

    @BeforeEach
    void start() throws Exception {
        fixture.createTopic("StatsTopic", 2);
    }

    private static RemotingCommand topicStats(String topic) {
        return RemotingCommand.request(RequestCode.GET_TOPIC_STATS_INFO).putExt("topic", topic);
    }

    @Test
    void shouldReportEveryQueueWithItsOffsetsNewestStoreTimeAndPutRate() throws Exception {
        long before = System.currentTimeMillis();
        fixture.send("StatsTopic", 0, 3);

        JsonNode table = ObjectKeys.read(fixture.callForText(topicStats("StatsTopic")));

        JsonNode q0 = table.path("offsetTable").path("StatsTopic/broker-s/0");
        assertThat(q0.path("minOffset").asLong()).isZero();
        assertThat(q0.path("maxOffset").asLong()).isEqualTo(3);
        assertThat(q0.path("lastUpdateTimestamp").asLong()).isBetween(before, System.currentTimeMillis());
        JsonNode q1 = table.path("offsetTable").path("StatsTopic/broker-s/1");
        assertThat(q1.path("maxOffset").asLong()).isZero();
        assertThat(q1.path("lastUpdateTimestamp").asLong()).isZero();
        assertThat(table.path("offsetTable").size()).isEqualTo(2);
        assertThat(table.path("topicPutTps").asDouble()).isPositive();
    }

    @Test
    void shouldAnswerTopicNotExistNamingAnUnknownTopic() throws Exception {
        RemotingCommand answer = fixture.call(topicStats("NoSuchTopic"));

        assertThat(answer.code()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
        assertThat(answer.remark()).contains("NoSuchTopic");
    }
}
