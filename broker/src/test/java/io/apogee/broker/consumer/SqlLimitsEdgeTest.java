package io.apogee.broker.consumer;

import static io.apogee.broker.consumer.ConsumeSideFixture.TOPIC;
import static io.apogee.broker.consumer.ConsumeSideFixture.pull;
import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.broker.filter.SqlFilter;
import io.apogee.common.text.ClientText;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.CheckClientRequestBody;
import io.apogee.remoting.body.HeartbeatData;
import io.apogee.remoting.body.SubscriptionData;
import org.junit.jupiter.api.Test;

/** SQL92 expressions too long or too deep for the parser, on every path that compiles one. */
class SqlLimitsEdgeTest extends ConsumeSideTest {

    private static final String DEEP = "(".repeat(5_000) + "a = 1" + ")".repeat(5_000);
    private static final String NOTS = "NOT ".repeat(20_000) + "a = 1";
    /** Within the length limit, deeper than the nesting limit. */
    private static final String TOO_DEEP = "(".repeat(100) + "a = 1" + ")".repeat(100);

    @Test
    void shouldAnswerParseFailedNamingTheLengthLimitForADeeplyNestedPullExpression() throws Exception {
        for (String expression : new String[] {DEEP, NOTS}) {
            RemotingCommand response = broker.call(client, sqlPull(expression));

            assertThat(response.code()).as(response.remark()).isEqualTo(ResponseCode.SUBSCRIPTION_PARSE_FAILED);
            assertThat(response.remark()).contains("limit of " + SqlFilter.MAX_EXPRESSION_LENGTH)
                    .doesNotContain("StackOverflowError");
        }
    }

    @Test
    void shouldAnswerParseFailedNamingTheDepthLimitForAnExpressionNestedTooDeep() throws Exception {
        RemotingCommand response = broker.call(client, sqlPull(TOO_DEEP));

        assertThat(response.code()).as(response.remark()).isEqualTo(ResponseCode.SUBSCRIPTION_PARSE_FAILED);
        assertThat(response.remark()).contains("deeper than the limit of " + SqlFilter.MAX_NESTING_DEPTH);
    }

    @Test
    void shouldKeepAHeartbeatWithADeeplyNestedExpressionAndRefuseItsPulls() throws Exception {
        RemotingCommand heartbeat = broker.call(client, sqlHeartbeat(DEEP));
        RemotingCommand pulled = broker.call(client, pull("G1", 0, 0, 0, null, 0).putExt("expressionType", "SQL92"));

        assertThat(heartbeat.code()).as(heartbeat.remark()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(pulled.code()).as(pulled.remark()).isEqualTo(ResponseCode.SUBSCRIPTION_PARSE_FAILED);
        assertThat(pulled.remark()).contains("limit of " + SqlFilter.MAX_EXPRESSION_LENGTH);
    }

    @Test
    void shouldAnswerParseFailedWithABoundedRemarkWhenAClientChecksADeepExpression() throws Exception {
        SubscriptionData sub = new SubscriptionData(TOPIC, DEEP, 1);
        sub.expressionType = SubscriptionData.EXPRESSION_SQL92;
        RemotingCommand response = broker.call(client, RemotingCommand.request(RequestCode.CHECK_CLIENT_CONFIG)
                .body(JsonCodec.encode(new CheckClientRequestBody("10.0.0.1@1", "G1", sub))));

        assertThat(response.code()).as(response.remark()).isEqualTo(ResponseCode.SUBSCRIPTION_PARSE_FAILED);
        assertThat(response.remark()).contains("limit of " + SqlFilter.MAX_EXPRESSION_LENGTH)
                .contains(ClientText.of(DEEP));
        assertThat(response.remark().length()).isLessThan(1_000);
    }

    private static RemotingCommand sqlPull(String sql) {
        return pull("G1", 0, 0, 0, sql, 0).putExt("expressionType", "SQL92");
    }

    private static RemotingCommand sqlHeartbeat(String sql) {
        RemotingCommand request = ConsumeSideFixture.heartbeat("10.0.0.1@1", "G1", TOPIC, sql, 100);
        HeartbeatData data = JsonCodec.decode(request.body(), HeartbeatData.class);
        data.consumerDataSet.get(0).subscriptionDataSet.get(0).expressionType = SubscriptionData.EXPRESSION_SQL92;
        return request.body(JsonCodec.encode(data));
    }
}
