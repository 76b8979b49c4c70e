package io.apogee.broker.consumer;

import static io.apogee.broker.consumer.ConsumeSideFixture.TOPIC;
import static io.apogee.broker.consumer.ConsumeSideFixture.heartbeat;
import static io.apogee.broker.consumer.ConsumeSideFixture.pull;
import static io.apogee.broker.consumer.ConsumeSideFixture.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.broker.consumer.ConsumeSideFixture.Pulled;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ResponseCode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PullMessageTest extends ConsumeSideTest {

    private static final int SUSPEND = 0x2;

    @Test
    void shouldReturnFoundRecordsWithNextOffset() throws Exception {
        broker.put(0, "TagA", "m0");
        broker.put(0, "TagA", "m1");
        broker.put(0, "TagB", "m2");

        RemotingCommand response = broker.call(client, pull("G1", 0, 0, 0, "*", 0));

        assertThat(response.code()).as(response.remark()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(response.remark()).isEqualTo("FOUND");
        assertThat(response.ext("nextBeginOffset")).isEqualTo("3");
        assertThat(response.ext("minOffset")).isEqualTo("0");
        assertThat(response.ext("maxOffset")).isEqualTo("3");
        assertThat(response.ext("suggestWhichBrokerId")).isEqualTo("0");
        assertThat(records(response)).extracting(Pulled::queueOffset, Pulled::body)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0L, "m0"),
                        org.assertj.core.groups.Tuple.tuple(1L, "m1"),
                        org.assertj.core.groups.Tuple.tuple(2L, "m2"));
    }

    @Test
    void shouldReturnOnlyMessagesWithSubscribedTag() throws Exception {
        broker.put(0, "TagA", "a0");
        broker.put(0, "TagB", "b1");
        broker.put(0, null, "none2");
        broker.put(0, "TagA", "a3");

        RemotingCommand response = broker.call(client, pull("G1", 0, 0, 0, "TagA || TagC", 0));

        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(records(response)).extracting(Pulled::body).containsExactly("a0", "a3");
        assertThat(records(response)).extracting(Pulled::tag).containsOnly("TagA");
        assertThat(response.ext("nextBeginOffset")).isEqualTo("4");
    }

    @Test
    void shouldRetryImmediatelyWhenNothingMatches() throws Exception {
        broker.put(0, "TagB", "b0");

        RemotingCommand response = broker.call(client, pull("G1", 0, 0, 0, "TagA", 0));

        assertThat(response.code()).isEqualTo(ResponseCode.PULL_RETRY_IMMEDIATELY);
        assertThat(response.ext("nextBeginOffset")).isEqualTo("1");
    }

    @Test
    void shouldUseSubscriptionFromHeartbeatWhenRequestHasNone() throws Exception {
        broker.put(0, "TagA", "a0");
        broker.put(0, "TagB", "b1");

        RemotingCommand before = broker.call(client, pull("G1", 0, 0, 0, null, 0));
        broker.call(client, heartbeat("10.0.0.1@1", "G1", TOPIC, "TagB", 100));
        RemotingCommand newer = broker.call(client, pull("G1", 0, 0, 0, null, 0).putExt("subVersion", 200));
        RemotingCommand after = broker.call(client, pull("G1", 0, 0, 0, null, 0).putExt("subVersion", 100));

        assertThat(before.code()).isEqualTo(ResponseCode.SUBSCRIPTION_NOT_EXIST);
        assertThat(newer.code()).isEqualTo(ResponseCode.SUBSCRIPTION_NOT_LATEST);
        assertThat(after.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(records(after)).extracting(Pulled::body).containsExactly("b1");
    }

    @Test
    void shouldRejectUnknownTopicAndIllegalQueue() throws Exception {
        RemotingCommand unknown = broker.call(client, pull("G1", 0, 0, 0, "*", 0).putExt("topic", "Nope"));
        RemotingCommand badQueue = broker.call(client, pull("G1", 4, 0, 0, "*", 0));

        assertThat(unknown.code()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
        assertThat(unknown.remark()).contains("Nope");
        assertThat(badQueue.code()).isEqualTo(ResponseCode.INVALID_PARAMETER);
        assertThat(badQueue.remark()).contains("queueId 4");
    }

    @Test
    void shouldMoveOffsetWhenBeyondMax() throws Exception {
        broker.put(0, null, "m0");

        RemotingCommand response = broker.call(client, pull("G1", 0, 5, 0, "*", 0));

        assertThat(response.code()).isEqualTo(ResponseCode.PULL_OFFSET_MOVED);
        assertThat(response.ext("nextBeginOffset")).isEqualTo("1");
    }

    @Test
    void shouldAnswerNotFoundAtOnceWithoutSuspendFlag() throws Exception {
        RemotingCommand response = broker.call(client, pull("G1", 0, 0, 0, "*", 20_000));

        assertThat(response.code()).isEqualTo(ResponseCode.PULL_NOT_FOUND);
        assertThat(response.ext("nextBeginOffset")).isEqualTo("0");
    }

    @Test
    void shouldHoldPullUntilAMessageArrives() throws Exception {
        broker.put(0, null, "m0");
        CompletableFuture<RemotingCommand> held =
                client.invokeAsync(broker.address(), pull("G1", 0, 1, SUSPEND, "*", 20_000), 30_000);
        await().atMost(Duration.ofSeconds(5)).until(() -> heldCount() == 1);
        assertThat(held).isNotDone();

        long putAt = System.nanoTime();
        broker.put(0, null, "m1");

        RemotingCommand response = held.get(5, TimeUnit.SECONDS);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - putAt)).isLessThan(5_000);
        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(records(response)).extracting(Pulled::body).containsExactly("m1");
        assertThat(response.ext("nextBeginOffset")).isEqualTo("2");
        assertThat(heldCount()).isZero();
    }

    @Test
    void shouldKeepHoldingWhenArrivingMessageDoesNotMatch() throws Exception {
        CompletableFuture<RemotingCommand> held =
                client.invokeAsync(broker.address(), pull("G1", 0, 0, SUSPEND, "TagA", 20_000), 30_000);
        await().atMost(Duration.ofSeconds(5)).until(() -> heldCount() == 1);

        broker.put(0, "TagB", "b0");
        broker.put(0, "TagA", "a1");

        RemotingCommand response = held.get(5, TimeUnit.SECONDS);
        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(records(response)).extracting(Pulled::body).containsExactly("a1");
    }

    @Test
    void shouldAnswerHeldPullWithNotFoundAfterSuspendTimeout() throws Exception {
        long start = System.nanoTime();
        CompletableFuture<RemotingCommand> held =
                client.invokeAsync(broker.address(), pull("G1", 0, 0, SUSPEND, "*", 1_500), 30_000);

        RemotingCommand response = held.get(6, TimeUnit.SECONDS);

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(1_400);
        assertThat(response.code()).isEqualTo(ResponseCode.PULL_NOT_FOUND);
        assertThat(response.remark()).isEqualTo("NO_MESSAGE_IN_QUEUE");
        assertThat(response.ext("nextBeginOffset")).isEqualTo("0");
    }

    @Test
    void shouldCommitOffsetCarriedByPull() throws Exception {
        broker.put(0, null, "m0");

        broker.call(client, pull("G1", 0, 0, 0x1, "*", 0).putExt("commitOffset", 1));

        RemotingCommand query = broker.call(client, RemotingCommand.request(RequestCode.QUERY_CONSUMER_OFFSET)
                .putExt("consumerGroup", "G1").putExt("topic", TOPIC).putExt("queueId", 0));
        assertThat(query.ext("offset")).isEqualTo("1");
    }

    @Test
    void shouldTreatLitePullLikePull() throws Exception {
        broker.put(0, null, "m0");

        RemotingCommand response =
                broker.call(client, pull("G1", 0, 0, 0x10, "*", 0).code(RequestCode.LITE_PULL_MESSAGE));

        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(records(response)).hasSize(1);
    }

    private int heldCount() {
        return broker.consumeSide.heldPullCount();
    }
}
