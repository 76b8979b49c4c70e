package io.apogee.broker.consumer;

import static io.apogee.broker.consumer.ConsumeSideFixture.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.broker.offset.ConsumerOffsetProcessor;
import io.apogee.broker.offset.QueueOffsetProcessor;
import io.apogee.remoting.RemotingClient;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ResponseCode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queue ids and offsets outside a queue's range on the offset requests. The offset processors are registered
 * again on one thread, so that a oneway request is handled before the next request.
 */
class QueueBoundsEdgeTest {

    private static final int QUEUES = 4;

    @TempDir
    Path dir;
    ConsumeSideFixture broker;
    RemotingClient client;
    private final ExecutorService oneThread = Executors.newSingleThreadExecutor();

    @BeforeEach
    void start() throws Exception {
        broker = new ConsumeSideFixture(dir, ConsumeSideFixture.defaultConfig());
        ConsumerOffsetProcessor offsets = new ConsumerOffsetProcessor(broker.consumeSide.offsets(), broker.store,
                broker.consumeSide.clients(), broker.topics);
        broker.server.registerProcessor(RequestCode.QUERY_CONSUMER_OFFSET, offsets, oneThread);
        broker.server.registerProcessor(RequestCode.UPDATE_CONSUMER_OFFSET, offsets, oneThread);
        QueueOffsetProcessor queues = new QueueOffsetProcessor(broker.store, broker.topics);
        for (int code : List.of(RequestCode.GET_MAX_OFFSET, RequestCode.GET_MIN_OFFSET,
                RequestCode.SEARCH_OFFSET_BY_TIMESTAMP, RequestCode.GET_EARLIEST_MSG_STORETIME)) {
            broker.server.registerProcessor(code, queues, oneThread);
        }
        client = broker.newClient("c1");
    }

    @AfterEach
    void stop() {
        broker.close();
        oneThread.shutdownNow();
    }

    private static RemotingCommand update(String topic, int queueId, long offset) {
        return RemotingCommand.request(RequestCode.UPDATE_CONSUMER_OFFSET).putExt("consumerGroup", "G1")
                .putExt("topic", topic).putExt("queueId", queueId).putExt("commitOffset", offset);
    }

    private static RemotingCommand query(String topic, int queueId) {
        return RemotingCommand.request(RequestCode.QUERY_CONSUMER_OFFSET).putExt("consumerGroup", "G1")
                .putExt("topic", topic).putExt("queueId", queueId);
    }

    private static RemotingCommand queue(int code, String topic, int queueId) {
        return RemotingCommand.request(code).putExt("topic", topic).putExt("queueId", queueId)
                .putExt("timestamp", 0);
    }

    @Test
    void shouldRefuseACommitBeyondTheQueuesMaxOffsetAndStoreNothing() throws Exception {
        broker.put(0, null, "m0");
        broker.put(0, null, "m1");

        RemotingCommand response = broker.call(client, update(TOPIC, 0, Long.MAX_VALUE));

        assertThat(response.code()).isEqualTo(ResponseCode.INVALID_PARAMETER);
        assertThat(response.remark()).contains("commitOffset " + Long.MAX_VALUE).contains("0..2");
        assertThat(broker.call(client, query(TOPIC, 0)).code()).isEqualTo(ResponseCode.QUERY_NOT_FOUND);
    }

    @Test
    void shouldAcceptACommitOfTheMaxOffset() throws Exception {
        broker.put(1, null, "m0");
        broker.put(1, null, "m1");

        RemotingCommand response = broker.call(client, update(TOPIC, 1, 2));

        assertThat(response.code()).as(response.remark()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(broker.call(client, query(TOPIC, 1)).ext("offset")).isEqualTo("2");
    }

    @Test
    void shouldRefuseQueueIdsOutsideTheTopicsQueuesOnEveryOffsetRequest() throws Exception {
        for (int queueId : new int[] {QUEUES, 100_000, -1}) {
            List<RemotingCommand> requests = List.of(update(TOPIC, queueId, 0), query(TOPIC, queueId),
                    queue(RequestCode.GET_MAX_OFFSET, TOPIC, queueId),
                    queue(RequestCode.GET_MIN_OFFSET, TOPIC, queueId),
                    queue(RequestCode.SEARCH_OFFSET_BY_TIMESTAMP, TOPIC, queueId),
                    queue(RequestCode.GET_EARLIEST_MSG_STORETIME, TOPIC, queueId));
            for (RemotingCommand request : requests) {
                RemotingCommand response = broker.call(client, request);

                assertThat(response.code()).as("request code %d: %s", request.code(), response.remark())
                        .isEqualTo(ResponseCode.INVALID_PARAMETER);
                assertThat(response.remark()).contains("queueId " + queueId).contains(TOPIC);
            }
        }
    }

    @Test
    void shouldAnswerTopicNotExistForAnUnknownTopicWithItsNameCut() throws Exception {
        String unknown = "Nope" + "x".repeat(10_000);

        for (RemotingCommand request : List.of(query(unknown, 0), update(unknown, 0, 0),
                queue(RequestCode.GET_MAX_OFFSET, unknown, 0), queue(RequestCode.GET_MIN_OFFSET, unknown, 0),
                queue(RequestCode.SEARCH_OFFSET_BY_TIMESTAMP, unknown, 0))) {
            RemotingCommand response = broker.call(client, request);

            assertThat(response.code()).as("request code %d", request.code()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
            assertThat(response.remark()).contains("Nope").contains("(10004 chars)").hasSizeLessThan(600);
        }
    }

    @Test
    void shouldDropAOnewayCommitOutOfRangeWithoutStoringIt() throws Exception {
        broker.put(2, null, "m0");

        client.invokeOneway(broker.address(), update(TOPIC, 2, Long.MAX_VALUE).markOneway());
        client.invokeOneway(broker.address(), update(TOPIC, 100_000, 0).markOneway());
        RemotingCommand after = broker.call(client, query(TOPIC, 2));

        assertThat(after.code()).as("the oneway commit was dropped").isEqualTo(ResponseCode.QUERY_NOT_FOUND);
        assertThat(broker.consumeSide.offsets().query("G1", TOPIC, 100_000)).isNegative();
    }
}
