package io.apogee.broker.consumer;

import static io.apogee.broker.consumer.ConsumeSideFixture.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemotingClient;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.HeartbeatData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConsumerOffsetTest extends ConsumeSideTest {

    private static RemotingCommand query(String group, int queueId) {
        return RemotingCommand.request(RequestCode.QUERY_CONSUMER_OFFSET)
                .putExt("consumerGroup", group).putExt("topic", TOPIC).putExt("queueId", queueId);
    }

    private static RemotingCommand update(String group, int queueId, long offset) {
        return RemotingCommand.request(RequestCode.UPDATE_CONSUMER_OFFSET)
                .putExt("consumerGroup", group).putExt("topic", TOPIC).putExt("queueId", queueId)
                .putExt("commitOffset", offset);
    }

    private RemotingCommand queue(int code, int queueId) throws Exception {
        return broker.call(client, RemotingCommand.request(code).putExt("topic", TOPIC).putExt("queueId", queueId));
    }

    @Test
    void shouldAnswerQueryNotFoundForQueueWithoutCommittedOffset() throws Exception {
        RemotingCommand response = broker.call(client, query("G1", 3));

        assertThat(response.code()).isEqualTo(ResponseCode.QUERY_NOT_FOUND);
        assertThat(response.remark()).contains("G1");
    }

    /** A heartbeat of G1 whose client subscribed at {@code subscribedAt} (its subVersion, client wall-clock ms). */
    private RemotingCommand heartbeatSubscribedAt(long subscribedAt) throws Exception {
        return broker.call(client, ConsumeSideFixture.heartbeat("c1@1", "G1", TOPIC, "*", subscribedAt));
    }

    /** The current time, once the clock has moved past every message stored so far. */
    private static long aMomentLater() {
        long before = System.currentTimeMillis();
        await().atMost(Duration.ofSeconds(5)).until(() -> System.currentTimeMillis() > before);
        return System.currentTimeMillis();
    }

    @Test
    void shouldStartNewLastOffsetGroupAtTheEndOfAQueueWithOnlyOlderMessages() throws Exception {
        broker.put(2, null, "old-0");
        broker.put(2, null, "old-1");
        assertThat(heartbeatSubscribedAt(aMomentLater()).code()).isEqualTo(ResponseCode.SUCCESS);

        RemotingCommand response = broker.call(client, query("G1", 2));

        assertThat(response.code()).as("the end, not 22: the client would ask for the end later and skip what "
                + "arrived in between").isEqualTo(ResponseCode.SUCCESS);
        assertThat(response.ext("offset")).isEqualTo("2");
    }

    /** A heartbeat of G1 (subscribed now) as a consumer of {@code consumeType} starting from {@code where}. */
    private void heartbeatAs(String consumeType, String where) throws Exception {
        RemotingCommand heartbeat = ConsumeSideFixture.heartbeat("c1@1", "G1", TOPIC, "*", System.currentTimeMillis());
        HeartbeatData data = JsonCodec.decode(heartbeat.body(), HeartbeatData.class);
        data.consumerDataSet.get(0).consumeType = consumeType;
        data.consumerDataSet.get(0).consumeFromWhere = where;
        broker.call(client, RemotingCommand.request(RequestCode.HEART_BEAT).body(JsonCodec.encode(data)));
    }

    @Test
    void shouldAnswerQueryNotFoundForAPushGroupThatDoesNotConsumeFromTheLastOffset() throws Exception {
        broker.put(2, null, "old-0");
        heartbeatAs("CONSUME_PASSIVELY", "CONSUME_FROM_FIRST_OFFSET");

        RemotingCommand response = broker.call(client, query("G1", 2));

        assertThat(response.code()).isEqualTo(ResponseCode.QUERY_NOT_FOUND);
    }

    @Test
    void shouldLetPullConsumersApplyTheirOwnStartPosition() throws Exception {
        broker.put(2, null, "old-0");
        heartbeatAs("CONSUME_ACTIVELY", "CONSUME_FROM_LAST_OFFSET");
        aMomentLater();
        broker.put(2, null, "new-0");

        RemotingCommand response = broker.call(client, query("G1", 2));

        assertThat(response.code()).as("lite-pull consumers always report LAST, whatever they were set to")
                .isEqualTo(ResponseCode.QUERY_NOT_FOUND);
    }

    @Test
    void shouldStartLastOffsetGroupAtFirstMessagePublishedAfterItSubscribed() throws Exception {
        broker.put(2, null, "old-0");
        broker.put(2, null, "old-1");
        assertThat(heartbeatSubscribedAt(aMomentLater()).code()).isEqualTo(ResponseCode.SUCCESS);
        aMomentLater();
        broker.put(2, null, "new-0");

        RemotingCommand response = broker.call(client, query("G1", 2));

        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(response.ext("offset")).isEqualTo("2");
    }

    @Test
    void shouldStartLastOffsetGroupAtFirstMessageStoredAfterItsClientSubscribedWhenItsHeartbeatCameLater()
            throws Exception {
        broker.put(2, null, "old-0");
        long subscribed = aMomentLater();
        aMomentLater();
        broker.put(2, null, "while-the-client-knew-no-route");
        aMomentLater();
        assertThat(heartbeatSubscribedAt(subscribed).code()).isEqualTo(ResponseCode.SUCCESS);

        RemotingCommand response = broker.call(client, query("G1", 2));

        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(response.ext("offset")).isEqualTo("1");
    }

    @Test
    void shouldTreatAMessageStoredInTheMillisecondOfTheSubscriptionAsHistory() throws Exception {
        long storedAt = broker.putDispatched(2, null, "acked-just-before-subscribe").storeTimestamp();
        assertThat(heartbeatSubscribedAt(storedAt).code()).isEqualTo(ResponseCode.SUCCESS);

        RemotingCommand response = broker.call(client, query("G1", 2));

        assertThat(response.ext("offset")).as("same millisecond: the send was acked before the subscribe call")
                .isEqualTo("1");
    }

    @Test
    void shouldKeepTheEarliestSubscriptionTimeWhenARebalanceRaisesTheClientsSubVersion() throws Exception {
        broker.put(2, null, "old-0");
        long subscribed = aMomentLater();
        assertThat(heartbeatSubscribedAt(subscribed).code()).isEqualTo(ResponseCode.SUCCESS);
        aMomentLater();
        broker.put(2, null, "new-0");
        assertThat(heartbeatSubscribedAt(aMomentLater()).code()).isEqualTo(ResponseCode.SUCCESS);

        RemotingCommand response = broker.call(client, query("G1", 2));

        assertThat(response.ext("offset")).isEqualTo("1");
    }

    @Test
    void shouldNotTrustASubscriptionTimeAheadOfTheBrokersClock() throws Exception {
        broker.put(2, null, "old-0");
        assertThat(heartbeatSubscribedAt(System.currentTimeMillis() + 3_600_000).code())
                .isEqualTo(ResponseCode.SUCCESS);
        aMomentLater();
        broker.put(2, null, "new-0");

        RemotingCommand response = broker.call(client, query("G1", 2));

        assertThat(response.ext("offset")).as("heartbeat time bounds a future subVersion").isEqualTo("1");
    }

    /** Stores {@code count} messages in the queue, so offsets up to {@code count} may be committed. */
    private void fill(int queueId, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            broker.put(queueId, null, "m" + i);
        }
    }

    @Test
    void shouldReturnCommittedOffsetAfterOnewayUpdate() throws Exception {
        fill(0, 5);
        client.invokeOneway(broker.address(), update("G1", 0, 5).markOneway());

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            RemotingCommand response = broker.call(client, query("G1", 0));
            assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
            assertThat(response.ext("offset")).isEqualTo("5");
        });
    }

    @Test
    void shouldKeepOffsetsAcrossRestart() throws Exception {
        fill(1, 7);
        assertThat(broker.call(client, update("G1", 1, 7)).code()).isEqualTo(ResponseCode.SUCCESS);

        broker.stopConsumeSide();
        assertThat(Files.readString(broker.storeConfig.configDir().resolve("consumerOffset.json")))
                .contains("\"TopicA@G1\":{\"1\":7}");
        broker.startConsumeSide();
        RemotingClient again = broker.newClient("c2");

        RemotingCommand response = broker.call(again, query("G1", 1));
        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(response.ext("offset")).isEqualTo("7");
    }

    @Test
    void shouldLoadTheOffsetFileOfAnApacheBroker() throws Exception {
        broker.stopConsumeSide();
        Files.writeString(broker.storeConfig.configDir().resolve("consumerOffset.json"),
                "{\n\t\"offsetTable\":{\n\t\t\"TopicA@G1\":{0:15,1:7\n\t\t}\n\t}\n}");
        broker.startConsumeSide();
        RemotingClient again = broker.newClient("c2");

        RemotingCommand response = broker.call(again, query("G1", 0));

        assertThat(response.ext("offset")).isEqualTo("15");
    }

    @Test
    void shouldFlushOffsetsPeriodically() throws Exception {
        fill(0, 3);
        broker.call(client, update("G1", 0, 3));

        Path file = broker.storeConfig.configDir().resolve("consumerOffset.json");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> Files.exists(file) && Files.readString(file).contains("\"0\":3"));
    }

    @Test
    void shouldAnswerQueueOffsetQueries() throws Exception {
        long before = System.currentTimeMillis();
        broker.put(1, null, "m0");
        broker.put(1, null, "m1");
        broker.put(1, null, "m2");

        assertThat(queue(RequestCode.GET_MAX_OFFSET, 1).ext("offset")).isEqualTo("3");
        assertThat(queue(RequestCode.GET_MIN_OFFSET, 1).ext("offset")).isEqualTo("0");
        assertThat(queue(RequestCode.GET_MAX_OFFSET, 0).ext("offset")).isEqualTo("0");
        long earliest = Long.parseLong(queue(RequestCode.GET_EARLIEST_MSG_STORETIME, 1).ext("timestamp"));
        assertThat(earliest).isBetween(before - 1000, System.currentTimeMillis());
        RemotingCommand search = broker.call(client, RemotingCommand.request(RequestCode.SEARCH_OFFSET_BY_TIMESTAMP)
                .putExt("topic", TOPIC).putExt("queueId", 1).putExt("timestamp", earliest));
        assertThat(search.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(search.ext("offset")).isEqualTo("0");
        RemotingCommand future = broker.call(client, RemotingCommand.request(RequestCode.SEARCH_OFFSET_BY_TIMESTAMP)
                .putExt("topic", TOPIC).putExt("queueId", 1).putExt("timestamp", System.currentTimeMillis() + 60_000));
        assertThat(future.ext("offset")).isEqualTo("3");
    }

    @Test
    void shouldRejectQueryWithoutQueueId() throws Exception {
        RemotingCommand response = broker.call(client, RemotingCommand.request(RequestCode.QUERY_CONSUMER_OFFSET)
                .putExt("consumerGroup", "G1").putExt("topic", TOPIC));

        assertThat(response.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(response.remark()).contains("queueId");
    }
}
