package io.apogee.broker.stats;

import com.fasterxml.jackson.databind.JsonNode;
import io.apogee.broker.BrokerFixtureTest;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ResponseCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConsumeStatsProcessorTest extends BrokerFixtureTest<StatsBrokerFixture> {

    private static final String TOPIC = "LagTopic";

    ConsumeStatsProcessorTest() {
        super(StatsBrokerFixture::new);
    }

    @BeforeEach
    void start() throws Exception {
        fixture.createTopicOfSevenMessages(TOPIC);
    }

    private static RemotingCommand consumeStats(String group) {
        return RemotingCommand.request(RequestCode.GET_CONSUME_STATS).putExt("consumerGroup", group);
    }

    @Test
    void shouldReportLagAsStoredMinusCommittedPerQueue() throws Exception {
        assertThat(fixture.pull(TOPIC, 0, 0, 3).code()).isEqualTo(ResponseCode.SUCCESS);
        fixture.commit(TOPIC, 0, 3);

        JsonNode stats = ObjectKeys.read(fixture.callForText(
                consumeStats(StatsBrokerFixture.GROUP).putExt("topic", TOPIC)));

        JsonNode q0 = stats.path("offsetTable").path(TOPIC + "/broker-s/0");
        assertThat(q0.path("brokerOffset").asLong()).isEqualTo(5);
        assertThat(q0.path("consumerOffset").asLong()).isEqualTo(3);
        assertThat(q0.path("pullOffset").asLong()).isEqualTo(3);
        assertThat(q0.path("lastTimestamp").asLong()).isPositive();
        JsonNode q1 = stats.path("offsetTable").path(TOPIC + "/broker-s/1");
        assertThat(q1.path("brokerOffset").asLong()).isEqualTo(2);
        assertThat(q1.path("consumerOffset").asLong()).isZero();
        assertThat(q1.path("lastTimestamp").asLong()).isZero();
        assertThat(stats.path("consumeTps").asDouble()).isPositive();
    }

    @Test
    void shouldReportHowFarTheGroupPulledBeyondItsCommittedOffset() throws Exception {
        fixture.commit(TOPIC, 0, 1);
        fixture.pull(TOPIC, 0, 0, 32);

        JsonNode stats = ObjectKeys.read(fixture.callForText(
                consumeStats(StatsBrokerFixture.GROUP).putExt("topic", TOPIC)));

        assertThat(stats.path("offsetTable").path(TOPIC + "/broker-s/0").path("pullOffset").asLong()).isEqualTo(5);
    }

    @Test
    void shouldFindTheGroupsTopicsFromItsCommittedOffsetsWhenNoTopicIsNamed() throws Exception {
        fixture.commit(TOPIC, 1, 2);

        JsonNode stats = ObjectKeys.read(fixture.callForText(consumeStats(StatsBrokerFixture.GROUP)));

        assertThat(stats.path("offsetTable").path(TOPIC + "/broker-s/1").path("consumerOffset").asLong())
                .isEqualTo(2);
        assertThat(stats.path("offsetTable").size()).isEqualTo(2);
    }

    @Test
    void shouldReportTheTopicsOfA5xTopicListAndSkipUnknownOnes() throws Exception {
        fixture.createTopic("OtherTopic", 1);

        JsonNode stats = ObjectKeys.read(fixture.callForText(consumeStats(StatsBrokerFixture.GROUP)
                .putExt("topicList", TOPIC + ";OtherTopic;NoSuchTopic;")));

        assertThat(stats.path("offsetTable").size()).isEqualTo(3);
        assertThat(stats.path("offsetTable").has("OtherTopic/broker-s/0")).isTrue();
    }

    @Test
    void shouldAnswerAnEmptyTableNamingAGroupWithNothingToReport() throws Exception {
        RemotingCommand answer = fixture.call(consumeStats("UnknownGroup"));

        assertThat(answer.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(answer.remark()).contains("UnknownGroup");
        assertThat(ObjectKeys.read(new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8))
                .path("offsetTable").size()).isZero();
    }
}
