package io.apogee.broker.consumer;

import static io.apogee.broker.consumer.ConsumeSideFixture.TOPIC;
import static io.apogee.broker.consumer.ConsumeSideFixture.pull;
import static io.apogee.broker.consumer.ConsumeSideFixture.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.consumer.ConsumeSideFixture.Pulled;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemotingClient;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.CheckClientRequestBody;
import io.apogee.remoting.body.ConsumerData;
import io.apogee.remoting.body.HeartbeatData;
import io.apogee.remoting.body.SubscriptionData;
import io.apogee.store.MessageDraft;
import io.apogee.store.PutResult;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlFilterPullTest extends ConsumeSideTest {

    private static final int SUSPEND = 0x2;

    @Test
    void shouldReturnOnlyMessagesMatchingRequestExpression() throws Exception {
        for (int i = 0; i < 6; i++) {
            put(broker, 0, "TagA", "m" + i, "a", String.valueOf(i));
        }
        put(broker, 0, "TagA", "noA");

        RemotingCommand response = broker.call(client, sqlPull("G1", 0, 0, 0, "a between 2 and 3"));

        assertThat(response.code()).as(response.remark()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(records(response)).extracting(Pulled::body).containsExactly("m2", "m3");
        assertThat(response.ext("nextBeginOffset")).isEqualTo("7");
    }

    @Test
    void shouldSeeTagsAsAProperty() throws Exception {
        put(broker, 0, "TagA", "a0", "k", "1");
        put(broker, 0, "TagB", "b1", "k", "1");
        put(broker, 0, null, "none2", "k", "1");

        RemotingCommand response = broker.call(client, sqlPull("G1", 0, 0, 0, "TAGS IN ('TagB') AND k = 1"));

        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(records(response)).extracting(Pulled::body).containsExactly("b1");
    }

    @Test
    void shouldRetryImmediatelyWhenNoMessageMatches() throws Exception {
        put(broker, 0, null, "m0", "a", "9");

        RemotingCommand response = broker.call(client, sqlPull("G1", 0, 0, 0, "a < 5"));

        assertThat(response.code()).isEqualTo(ResponseCode.PULL_RETRY_IMMEDIATELY);
        assertThat(response.ext("nextBeginOffset")).isEqualTo("1");
    }

    @Test
    void shouldUseSqlExpressionFromHeartbeatWhenRequestHasNone() throws Exception {
        put(broker, 1, null, "x0", "color", "red");
        put(broker, 1, null, "x1", "color", "blue");
        broker.call(client, sqlHeartbeat("10.0.0.1@1", "G2", "color = 'blue'"));

        RemotingCommand response = broker.call(client,
                pull("G2", 1, 0, 0, null, 0).putExt("expressionType", "SQL92").putExt("subVersion", 100));

        assertThat(response.code()).as(response.remark()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(records(response)).extracting(Pulled::body).containsExactly("x1");
    }

    @Test
    void shouldRejectUnparsableExpressionInRequestOrHeartbeat() throws Exception {
        RemotingCommand inRequest = broker.call(client, sqlPull("G1", 0, 0, 0, "a between 3 and"));
        broker.call(client, sqlHeartbeat("10.0.0.1@1", "G3", "a >> 1"));
        RemotingCommand fromHeartbeat = broker.call(client,
                pull("G3", 0, 0, 0, null, 0).putExt("expressionType", "SQL92"));

        assertThat(inRequest.code()).isEqualTo(ResponseCode.SUBSCRIPTION_PARSE_FAILED);
        assertThat(inRequest.remark()).contains("a between 3 and").contains("position 15");
        assertThat(fromHeartbeat.code()).isEqualTo(ResponseCode.SUBSCRIPTION_PARSE_FAILED);
        assertThat(fromHeartbeat.remark()).contains("a >> 1").contains("position 3");
    }

    @Test
    void shouldWakeHeldSqlPullWhenAMatchingMessageArrives() throws Exception {
        CompletableFuture<RemotingCommand> held = client.invokeAsync(broker.address(),
                sqlPull("G1", 2, 0, SUSPEND, "n > 10").putExt("suspendTimeoutMillis", 20_000), 30_000);
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.consumeSide.heldPullCount() == 1);

        put(broker, 2, null, "big", "n", "11");

        RemotingCommand response = held.get(5, TimeUnit.SECONDS);
        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(records(response)).extracting(Pulled::body).containsExactly("big");
    }

    @Test
    void shouldCheckClientConfigExpression() throws Exception {
        RemotingCommand good = broker.call(client, checkClient("G1", "SQL92", "a between 0 and 3"));
        RemotingCommand bad = broker.call(client, checkClient("G1", "SQL92", "a = = 1"));
        RemotingCommand tag = broker.call(client, checkClient("G1", "TAG", "TagA || TagB"));

        assertThat(good.code()).as(good.remark()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(tag.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(bad.code()).isEqualTo(ResponseCode.SUBSCRIPTION_PARSE_FAILED);
        assertThat(bad.remark()).contains("a = = 1").contains("position 4").contains("G1");
    }

    @Test
    void shouldRefuseSqlWhenPropertyFilterIsDisabled(@TempDir Path otherDir) throws Exception {
        BrokerConfig config = ConsumeSideFixture.defaultConfig();
        config.enablePropertyFilter = false;
        try (ConsumeSideFixture disabled = new ConsumeSideFixture(otherDir, config)) {
            RemotingClient c = disabled.newClient("c2");
            RemotingCommand pulled = disabled.call(c, sqlPull("G1", 0, 0, 0, "a = 1"));
            RemotingCommand checked = disabled.call(c, checkClient("G1", "SQL92", "a = 1"));
            RemotingCommand tagPull = disabled.call(c, pull("G1", 0, 0, 0, "*", 0));

            assertThat(pulled.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
            assertThat(pulled.remark()).contains("enablePropertyFilter");
            assertThat(checked.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
            assertThat(checked.remark()).contains("enablePropertyFilter");
            assertThat(tagPull.code()).isEqualTo(ResponseCode.PULL_NOT_FOUND);
        }
    }

    private static RemotingCommand sqlPull(String group, int queueId, long offset, int sysFlag, String sql) {
        return pull(group, queueId, offset, sysFlag, sql, 0).putExt("expressionType", "SQL92");
    }

    private static RemotingCommand sqlHeartbeat(String clientId, String group, String sql) {
        SubscriptionData sub = new SubscriptionData(TOPIC, sql, 100);
        sub.expressionType = SubscriptionData.EXPRESSION_SQL92;
        ConsumerData consumer = new ConsumerData();
        consumer.groupName = group;
        consumer.consumeType = "CONSUME_PASSIVELY";
        consumer.messageModel = ConsumerData.CLUSTERING;
        consumer.consumeFromWhere = "CONSUME_FROM_LAST_OFFSET";
        consumer.subscriptionDataSet.add(sub);
        HeartbeatData data = new HeartbeatData();
        data.clientID = clientId;
        data.consumerDataSet.add(consumer);
        return RemotingCommand.request(RequestCode.HEART_BEAT).body(JsonCodec.encode(data));
    }

    private static RemotingCommand checkClient(String group, String type, String expression) {
        SubscriptionData sub = new SubscriptionData(TOPIC, expression, 1);
        sub.expressionType = type;
        return RemotingCommand.request(RequestCode.CHECK_CLIENT_CONFIG)
                .body(JsonCodec.encode(new CheckClientRequestBody("10.0.0.1@1", group, sub)));
    }

    /** Puts a message with an optional tag and user properties given as name, value pairs. */
    private static void put(ConsumeSideFixture broker, int queueId, String tag, String body, String... props)
            throws Exception {
        StringBuilder properties = new StringBuilder();
        if (tag != null) {
            properties.append("TAGS\u0001").append(tag).append('\u0002');
        }
        for (int i = 0; i < props.length; i += 2) {
            properties.append(props[i]).append('\u0001').append(props[i + 1]).append('\u0002');
        }
        MessageDraft draft = new MessageDraft();
        draft.topic = TOPIC;
        draft.queueId = queueId;
        draft.body = body.getBytes(StandardCharsets.UTF_8);
        draft.properties = properties.toString().getBytes(StandardCharsets.UTF_8);
        draft.tagsCode = tag == null ? 0 : tag.hashCode();
        draft.bornTimestamp = System.currentTimeMillis();
        draft.bornHost = new InetSocketAddress("127.0.0.1", 40000);
        draft.storeHost = new InetSocketAddress("127.0.0.1", 10911);
        PutResult result = broker.store.put(draft).get(5, TimeUnit.SECONDS);
        assertThat(result.isOk()).as(result.toString()).isTrue();
        long end = result.wroteOffset() + result.wroteBytes();
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.store.dispatchedOffset() >= end);
    }
}
