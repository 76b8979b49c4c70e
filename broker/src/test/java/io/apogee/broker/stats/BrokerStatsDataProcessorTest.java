package io.apogee.broker.stats;

import io.apogee.broker.BrokerFixtureTest;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.BrokerStatsData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BrokerStatsDataProcessorTest extends BrokerFixtureTest<StatsBrokerFixture> {

    private static final String TOPIC = "ViewTopic";

    BrokerStatsDataProcessorTest() {
        super(StatsBrokerFixture::new);
    }

    @BeforeEach
    void start() throws Exception {
        fixture.createTopic(TOPIC, 1);
        fixture.send(TOPIC, 0, 4);
    }

    private static RemotingCommand view(String name, String key) {
        return RemotingCommand.request(RequestCode.VIEW_BROKER_STATS_DATA).putExt("statsName", name)
                .putExt("statsKey", key);
    }

    @Test
    void shouldShowATopicsStoredMessagesOverTheLastMinuteHourAndDay() throws Exception {
        BrokerStatsData data = fixture.callFor(view("TOPIC_PUT_NUMS", TOPIC), BrokerStatsData.class);

        assertThat(data.statsMinute.sum).isEqualTo(4);
        assertThat(data.statsMinute.avgpt).isEqualTo(1.0);
        assertThat(data.statsMinute.tps).isPositive();
        assertThat(data.statsHour.sum).isEqualTo(4);
        assertThat(data.statsDay.sum).isEqualTo(4);
    }

    @Test
    void shouldShowAGroupsDeliveredMessagesByTopicAtGroup() throws Exception {
        fixture.pull(TOPIC, 0, 1, 32);

        BrokerStatsData data = fixture.callFor(view("GROUP_GET_NUMS", TOPIC + "@" + StatsBrokerFixture.GROUP),
                BrokerStatsData.class);

        assertThat(data.statsMinute.sum).isEqualTo(3);
        assertThat(data.statsDay.sum).isEqualTo(3);
    }

    @Test
    void shouldShowTheBrokersStoredMessagesByClusterName() throws Exception {
        BrokerStatsData data = fixture.callFor(view("BROKER_PUT_NUMS", "DefaultCluster"), BrokerStatsData.class);

        assertThat(data.statsMinute.sum).isEqualTo(4);
    }

    @Test
    void shouldAnswerSystemErrorNamingStatsThatDoNotExist() throws Exception {
        RemotingCommand answer = fixture.call(view("TOPIC_PUT_NUMS", "NoSuchTopic"));

        assertThat(answer.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(answer.remark()).isEqualTo("The stats <TOPIC_PUT_NUMS> <NoSuchTopic> not exist");
    }
}
