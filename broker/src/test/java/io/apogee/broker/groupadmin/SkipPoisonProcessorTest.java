package io.apogee.broker.groupadmin;

import static io.apogee.broker.groupadmin.GroupAdminFixture.BROKER_NAME;
import static io.apogee.broker.groupadmin.GroupAdminFixture.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.common.message.OffsetMsgId;
import io.apogee.remoting.RemotingClient;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ResponseCode;
import io.apogee.store.GetResult;
import io.apogee.store.GetStatus;
import io.apogee.store.StoredMessage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SkipPoisonProcessorTest extends GroupAdminTest {

    private static final String DLQ = "%DLQ%G1";

    private final ExecutorService notices = Executors.newSingleThreadExecutor();
    private long poisonCommitLogOffset;

    @AfterEach
    void stopNotices() {
        notices.shutdownNow();
    }

    private static RemotingCommand skip(String group, int queueId) {
        return RemotingCommand.request(RequestCode.SKIP_POISON_MESSAGE).putExt("consumerGroup", group)
                .putExt("topic", TOPIC).putExt("queueId", queueId);
    }

    private static RemotingCommand commit(long offset) {
        return RemotingCommand.request(RequestCode.UPDATE_CONSUMER_OFFSET).putExt("consumerGroup", "G1")
                .putExt("topic", TOPIC).putExt("queueId", 0).putExt("commitOffset", offset);
    }

    /** a, b, c in queue 0; G1 consumed a and is stuck on b (committed offset 1). */
    private void stuckOnB() throws Exception {
        broker.put(0, "a");
        poisonCommitLogOffset = broker.put(0, "b");
        broker.put(0, "c");
        broker.consumeSide.offsets().commit("G1", TOPIC, 0, 1);
    }

    @Test
    void shouldCopyTheMessageAtTheCommittedOffsetToTheDlqAndMoveTheGroupPastIt() throws Exception {
        stuckOnB();
        List<RemotingCommand> told = new CopyOnWriteArrayList<>();
        RemotingClient client = broker.consumer("10.0.0.1@1", "G1");
        client.registerProcessor(RequestCode.RESET_CONSUMER_CLIENT_OFFSET, (ch, req) -> {
            told.add(req);
            return null;
        }, notices);

        RemotingCommand response = broker.call(admin, skip("G1", 0));

        assertThat(response.code()).as(response.remark()).isEqualTo(ResponseCode.SUCCESS);
        String offsetMsgId = new OffsetMsgId(broker.storeHost()).of(poisonCommitLogOffset);
        assertThat(response.ext("queueOffset")).isEqualTo("1");
        assertThat(response.ext("nextOffset")).isEqualTo("2");
        assertThat(response.ext("dlqTopic")).isEqualTo(DLQ);
        assertThat(response.ext("offsetMsgId")).isEqualTo(offsetMsgId);
        assertThat(response.ext("msgId")).as("no UNIQ_KEY: the offsetMsgId").isEqualTo(offsetMsgId);
        assertThat(response.ext("clientsTold")).isEqualTo("1");
        assertThat(broker.consumeSide.offsets().query("G1", TOPIC, 0)).isEqualTo(2);

        ByteBuffer copy = dlqMessage();
        assertThat(new String(StoredMessage.body(copy), StandardCharsets.UTF_8)).isEqualTo("b");
        assertThat(StoredMessage.reconsumeTimes(copy)).isEqualTo(1);
        assertThat(StoredMessage.property(copy, "RETRY_TOPIC")).isEqualTo(TOPIC);
        assertThat(StoredMessage.property(copy, "ORIGIN_MESSAGE_ID")).isEqualTo(offsetMsgId);
        assertThat(StoredMessage.property(copy, "DLQ_ORIGIN_TOPIC")).isEqualTo(TOPIC);
        assertThat(StoredMessage.property(copy, "DLQ_ORIGIN_MESSAGE_ID")).isEqualTo(offsetMsgId);
        assertThat(response.ext("dlqOffsetMsgId")).isEqualTo(new OffsetMsgId(broker.storeHost())
                .of(StoredMessage.physicalOffset(copy)));

        await().atMost(Duration.ofSeconds(5)).until(() -> told.size() == 1);
        assertThat(told.get(0).ext("group")).isEqualTo("G1");
        assertThat(new String(told.get(0).body(), StandardCharsets.UTF_8)).isEqualTo("{\"offsetTable\":{"
                + "{\"brokerName\":\"" + BROKER_NAME + "\",\"queueId\":0,\"topic\":\"" + TOPIC + "\"}:2}}");
        broker.call(client, commit(1));
        assertThat(broker.consumeSide.offsets().query("G1", TOPIC, 0))
                .as("the stuck client's stale commit cannot undo the skip").isEqualTo(2);
        assertThat(broker.call(client, pull(3)).code()).as("pulls are not moved: the notice alone is taken up")
                .isEqualTo(ResponseCode.PULL_NOT_FOUND);
        broker.call(client, commit(2));
        broker.call(client, commit(3));
        assertThat(broker.consumeSide.offsets().query("G1", TOPIC, 0)).as("taken up by the commit of 2").isEqualTo(3);
    }

    private static RemotingCommand pull(long offset) {
        return RemotingCommand.request(RequestCode.PULL_MESSAGE).putExt("consumerGroup", "G1").putExt("topic", TOPIC)
                .putExt("queueId", 0).putExt("queueOffset", offset).putExt("maxMsgNums", 32).putExt("sysFlag", 0x4)
                .putExt("commitOffset", 0).putExt("suspendTimeoutMillis", 0).putExt("subscription", "*")
                .putExt("subVersion", 0).putExt("expressionType", "TAG");
    }

    @Test
    void shouldRefuseWhenNoMessageIsAtTheCommittedOffset() throws Exception {
        stuckOnB();
        broker.consumeSide.offsets().commit("G1", TOPIC, 0, 3);

        RemotingCommand response = broker.call(admin, skip("G1", 0));

        assertThat(response.code()).isEqualTo(ResponseCode.QUERY_NOT_FOUND);
        assertThat(response.remark()).isEqualTo("no message at offset 3 of " + TOPIC + " queue 0: nothing to skip");
        assertThat(broker.topics.find(DLQ)).isNull();
        assertThat(broker.consumeSide.offsets().query("G1", TOPIC, 0)).isEqualTo(3);
    }

    @Test
    void shouldRefuseAGroupWithoutCommittedOffset() throws Exception {
        stuckOnB();

        RemotingCommand response = broker.call(admin, skip("G2", 0));

        assertThat(response.code()).isEqualTo(ResponseCode.QUERY_NOT_FOUND);
        assertThat(response.remark()).contains("group G2 has no committed offset");
    }

    @Test
    void shouldRefuseWhenTheCommittedOffsetIsNotTheOneExpected() throws Exception {
        stuckOnB();

        RemotingCommand response = broker.call(admin, skip("G1", 0).putExt("offset", 2));

        assertThat(response.code()).isEqualTo(ResponseCode.INVALID_PARAMETER);
        assertThat(response.remark()).contains("is 1, not 2");
        assertThat(broker.consumeSide.offsets().query("G1", TOPIC, 0)).isEqualTo(1);
    }

    @Test
    void shouldRefuseAnUnknownTopicOrQueue() throws Exception {
        assertThat(broker.call(admin, skip("G1", 0).putExt("topic", "Nowhere")).code())
                .isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
        assertThat(broker.call(admin, skip("G1", 9)).code()).isEqualTo(ResponseCode.INVALID_PARAMETER);
    }

    private ByteBuffer dlqMessage() {
        GetResult result = broker.store.get(DLQ, 0, 0, 1, Integer.MAX_VALUE, null);
        assertThat(result.status()).isEqualTo(GetStatus.FOUND);
        ByteBuffer record = result.records().get(0);
        ByteBuffer copy = ByteBuffer.allocate(record.remaining());
        copy.put(record.duplicate()).flip();
        result.release();
        return copy;
    }
}
