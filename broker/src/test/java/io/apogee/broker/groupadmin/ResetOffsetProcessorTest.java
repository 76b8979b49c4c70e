package io.apogee.broker.groupadmin;

import static io.apogee.broker.groupadmin.GroupAdminFixture.BROKER_NAME;
import static io.apogee.broker.groupadmin.GroupAdminFixture.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.remoting.RemotingClient;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ResponseCode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResetOffsetProcessorTest extends GroupAdminTest {

    private final ExecutorService notices = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopNotices() {
        notices.shutdownNow();
    }

    private static RemotingCommand reset(String group, long timestamp, boolean force) {
        return RemotingCommand.request(RequestCode.INVOKE_BROKER_TO_RESET_OFFSET).putExt("topic", TOPIC)
                .putExt("group", group).putExt("timestamp", timestamp).putExt("isForce", force);
    }

    private static String body(RemotingCommand response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static String entry(int queueId, long offset) {
        return "{\"brokerName\":\"" + BROKER_NAME + "\",\"queueId\":" + queueId + ",\"topic\":\"" + TOPIC + "\"}:"
                + offset;
    }

    /** Three messages in queue 0, the group's committed offset at the end (3). */
    private void consumedThree() throws Exception {
        broker.put(0, "a");
        broker.put(0, "b");
        broker.put(0, "c");
        broker.consumeSide.offsets().commit("G1", TOPIC, 0, 3);
    }

    /** A pull of queue 0 by G1 from {@code offset}, committing {@code commitOffset} on the way (sysFlag 0x1). */
    private static RemotingCommand pull(long offset, long commitOffset) {
        return RemotingCommand.request(RequestCode.PULL_MESSAGE).putExt("consumerGroup", "G1").putExt("topic", TOPIC)
                .putExt("queueId", 0).putExt("queueOffset", offset).putExt("maxMsgNums", 32)
                .putExt("sysFlag", 0x1 | 0x4).putExt("commitOffset", commitOffset).putExt("suspendTimeoutMillis", 0)
                .putExt("subscription", "*").putExt("subVersion", 0).putExt("expressionType", "TAG");
    }

    private static RemotingCommand commit(long offset) {
        return RemotingCommand.request(RequestCode.UPDATE_CONSUMER_OFFSET).putExt("consumerGroup", "G1")
                .putExt("topic", TOPIC).putExt("queueId", 0).putExt("commitOffset", offset);
    }

    @Test
    void shouldHoldAResetUntilAClientCommitsItAndIgnoreTheClientsOtherCommitsMeanwhile() throws Exception {
        consumedThree();

        RemotingCommand reset = broker.call(admin, reset("G1", 0, true));
        RemotingCommand staleCommit = broker.call(admin, commit(3));
        RemotingCommand stalePull = broker.call(admin, pull(3, 3));
        RemotingCommand pullFromTheReset = broker.call(admin, pull(0, 3));

        assertThat(reset.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(staleCommit.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(staleCommit.remark()).isEqualTo("Offset has been previously reset");
        assertThat(stalePull.code()).isEqualTo(ResponseCode.PULL_OFFSET_MOVED);
        assertThat(stalePull.ext("nextBeginOffset")).isEqualTo("0");
        assertThat(pullFromTheReset.code()).as("a pull from the reset offset is served").isEqualTo(
                ResponseCode.SUCCESS);
        assertThat(broker.consumeSide.offsets().query("G1", TOPIC, 0)).as("no stale commit undid the reset")
                .isZero();

        broker.call(admin, commit(0));
        broker.call(admin, commit(2));
        assertThat(broker.consumeSide.offsets().query("G1", TOPIC, 0)).as("taken up by the commit of 0")
                .isEqualTo(2);
        assertThat(broker.call(admin, pull(2, 2)).code()).isEqualTo(ResponseCode.SUCCESS);
    }

    @Test
    void shouldRewindEveryQueueToTheTimestampAndTellLiveClientsTheClassicWay() throws Exception {
        broker.useClientSideReset();
        consumedThree();
        List<RemotingCommand> told = new CopyOnWriteArrayList<>();
        RemotingClient client = broker.consumer("10.0.0.1@1", "G1");
        client.registerProcessor(RequestCode.RESET_CONSUMER_CLIENT_OFFSET, (ch, req) -> {
            told.add(req);
            return null;
        }, notices);

        RemotingCommand response = broker.call(admin, reset("G1", 0, false));

        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(body(response)).isEqualTo("{\"offsetTable\":{" + entry(0, 0) + "," + entry(1, 0) + ","
                + entry(2, 0) + "," + entry(3, 0) + "}}");
        assertThat(broker.consumeSide.offsets().query("G1", TOPIC, 0)).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> told.size() == 1);
        RemotingCommand notice = told.get(0);
        assertThat(notice.ext("topic")).isEqualTo(TOPIC);
        assertThat(notice.ext("group")).isEqualTo("G1");
        assertThat(notice.ext("timestamp")).isEqualTo("0");
        assertThat(notice.ext("isForce")).isEqualTo("false");
        assertThat(body(notice)).isEqualTo(body(response));
    }

    @Test
    void shouldNotMoveAnOffsetForwardUnlessForced() throws Exception {
        broker.put(0, "a");
        broker.put(0, "b");
        broker.consumeSide.offsets().commit("G1", TOPIC, 0, 1);

        RemotingCommand kept = broker.call(admin, reset("G1", -1, false));
        assertThat(body(kept)).contains(entry(0, 1));
        assertThat(broker.consumeSide.offsets().query("G1", TOPIC, 0)).isEqualTo(1);

        RemotingCommand forced = broker.call(admin, reset("G1", -1, true));
        assertThat(body(forced)).contains(entry(0, 2));
        assertThat(broker.consumeSide.offsets().query("G1", TOPIC, 0)).isEqualTo(2);
    }

    @Test
    void shouldApplyTheResetWhenNoClientIsOnline() throws Exception {
        consumedThree();

        RemotingCommand response = broker.call(admin, reset("G1", 0, true));

        assertThat(response.code()).as("Apogee applies it; Apache would answer 206").isEqualTo(ResponseCode.SUCCESS);
        assertThat(broker.consumeSide.offsets().query("G1", TOPIC, 0)).isZero();
    }

    @Test
    void shouldSetOneQueueToAnExplicitOffset() throws Exception {
        consumedThree();

        RemotingCommand response = broker.call(admin, reset("G1", -1, false).putExt("queueId", 0)
                .putExt("offset", 2));

        assertThat(body(response)).isEqualTo("{\"offsetTable\":{" + entry(0, 2) + "}}");
        assertThat(broker.consumeSide.offsets().query("G1", TOPIC, 0)).isEqualTo(2);
    }

    @Test
    void shouldRejectAnExplicitOffsetOutsideTheQueue() throws Exception {
        consumedThree();

        RemotingCommand response = broker.call(admin, reset("G1", -1, false).putExt("queueId", 0)
                .putExt("offset", 9));

        assertThat(response.code()).isEqualTo(ResponseCode.INVALID_PARAMETER);
        assertThat(response.remark()).contains("offset 9");
        assertThat(broker.consumeSide.offsets().query("G1", TOPIC, 0)).isEqualTo(3);
    }

    @Test
    void shouldAnswerTopicNotExistForAnUnknownTopic() throws Exception {
        RemotingCommand response = broker.call(admin, reset("G1", 0, true).putExt("topic", "Nowhere"));

        assertThat(response.code()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
        assertThat(response.remark()).contains("Nowhere");
    }

    @Test
    void shouldAnswerGroupNotExistForAGroupNobodyKnows() throws Exception {
        RemotingCommand response = broker.call(admin, reset("NOSUCH", 0, true));

        assertThat(response.code()).isEqualTo(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST);
        assertThat(response.remark()).contains("NOSUCH");
    }
}
