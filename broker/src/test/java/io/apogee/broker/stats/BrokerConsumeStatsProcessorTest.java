package io.apogee.broker.stats;

import com.fasterxml.jackson.databind.JsonNode;
import io.apogee.broker.BrokerFixtureTest;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BrokerConsumeStatsProcessorTest extends BrokerFixtureTest<StatsBrokerFixture> {

    private static final String TOPIC = "BrokerWideTopic";

    BrokerConsumeStatsProcessorTest() {
        super(StatsBrokerFixture::new);
    }

    @BeforeEach
    void start() throws Exception {
        fixture.createTopicOfSevenMessages(TOPIC);
        fixture.pull(TOPIC, 0, 0, 32);
        fixture.commit(TOPIC, 0, 3);
    }

    private JsonNode brokerConsumeStats(boolean orderOnly) throws Exception {
        return ObjectKeys.read(fixture.callForText(
                RemotingCommand.request(RequestCode.GET_BROKER_CONSUME_STATS).putExt("isOrder", orderOnly)));
    }

    private static JsonNode statsOf(JsonNode list, String group) {
        for (JsonNode perGroup : list.path("consumeStatsList")) {
            if (perGroup.has(group)) {
                return perGroup.path(group);
            }
        }
        throw new AssertionError("no entry for " + group + " in " + list);
    }

    @Test
    void shouldListEveryGroupsConsumeStatsWithTheBrokersTotals() throws Exception {
        JsonNode list = brokerConsumeStats(false);

        assertThat(list.path("brokerAddr").asText()).isEqualTo(fixture.broker.address());
        JsonNode perTopic = statsOf(list, StatsBrokerFixture.GROUP);
        assertThat(perTopic.size()).isEqualTo(1);
        JsonNode q0 = perTopic.get(0).path("offsetTable").path(TOPIC + "/broker-s/0");
        assertThat(q0.path("brokerOffset").asLong()).isEqualTo(5);
        assertThat(q0.path("consumerOffset").asLong()).isEqualTo(3);
        assertThat(list.path("totalDiff").asLong()).isEqualTo(2 + 2);
        assertThat(list.path("totalInflightDiff").asLong()).isEqualTo(5 - 3);
    }

    @Test
    void shouldLeaveOutTopicsThatAreNotOrderlyWhenAskedForOrderlyOnes() throws Exception {
        JsonNode list = brokerConsumeStats(true);

        assertThat(statsOf(list, StatsBrokerFixture.GROUP).size()).isZero();
        assertThat(list.path("totalDiff").asLong()).isZero();
    }
}
