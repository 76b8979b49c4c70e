package io.apogee.broker.stats;

import io.apogee.broker.BrokerFixtureTest;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.QueryConsumeTimeSpanBody;
import io.apogee.remoting.body.QueueTimeSpan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConsumeTimeSpanProcessorTest extends BrokerFixtureTest<StatsBrokerFixture> {

    private static final String TOPIC = "SpanTopic";

    ConsumeTimeSpanProcessorTest() {
        super(StatsBrokerFixture::new);
    }

    @BeforeEach
    void start() throws Exception {
        fixture.createTopic(TOPIC, 2);
    }

    private static RemotingCommand timeSpan(String topic) {
        return RemotingCommand.request(RequestCode.QUERY_CONSUME_TIME_SPAN).putExt("topic", topic)
                .putExt("group", StatsBrokerFixture.GROUP);
    }

    @Test
    void shouldGiveTheStoreTimesOfOldestNewestAndLastConsumedMessagesAndTheWait() throws Exception {
        long before = System.currentTimeMillis();
        fixture.send(TOPIC, 0, 3);
        fixture.commit(TOPIC, 0, 1);

        QueryConsumeTimeSpanBody body = fixture.callFor(timeSpan(TOPIC), QueryConsumeTimeSpanBody.class);

        assertThat(body.consumeTimeSpanSet).hasSize(2);
        QueueTimeSpan q0 = body.consumeTimeSpanSet.get(0);
        assertThat(q0.messageQueue.topic).isEqualTo(TOPIC);
        assertThat(q0.messageQueue.brokerName).isEqualTo("broker-s");
        assertThat(q0.minTimeStamp).isGreaterThanOrEqualTo(before);
        assertThat(q0.consumeTimeStamp).isBetween(q0.minTimeStamp, q0.maxTimeStamp);
        assertThat(q0.maxTimeStamp).isLessThanOrEqualTo(System.currentTimeMillis());
        assertThat(q0.delayTime).isBetween(0L, System.currentTimeMillis() - before);
        QueueTimeSpan q1 = body.consumeTimeSpanSet.get(1);
        assertThat(q1.minTimeStamp).isEqualTo(-1);
        assertThat(q1.maxTimeStamp).isEqualTo(-1);
        assertThat(q1.delayTime).isZero();
    }

    @Test
    void shouldAnswerTopicNotExistNamingAnUnknownTopic() throws Exception {
        RemotingCommand answer = fixture.call(timeSpan("NoSuchTopic"));

        assertThat(answer.code()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
        assertThat(answer.remark()).contains("NoSuchTopic");
    }
}
