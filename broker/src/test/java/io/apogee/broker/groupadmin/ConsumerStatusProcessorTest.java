package io.apogee.broker.groupadmin;

import static io.apogee.broker.groupadmin.GroupAdminFixture.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.remoting.RemotingClient;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ResponseCode;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConsumerStatusProcessorTest extends GroupAdminTest {

    private static final String TABLE_1 = "{{\"brokerName\":\"b\",\"queueId\":0,\"topic\":\"TopicA\"}:5}";
    private static final String TABLE_2 = "{{\"brokerName\":\"b\",\"queueId\":1,\"topic\":\"TopicA\"}:7}";

    private final ExecutorService clientThreads = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopClientThreads() {
        clientThreads.shutdownNow();
    }

    /** A consumer of G1 that answers 221 with {@code table} as its messageQueueTable. */
    private void consumerAnswering(String clientId, String table) throws Exception {
        RemotingClient client = broker.consumer(clientId, "G1");
        client.registerProcessor(RequestCode.GET_CONSUMER_STATUS_FROM_CLIENT, (ch, req) -> RemotingCommand.success()
                .body(("{\"consumerTable\":{},\"messageQueueTable\":" + table + "}").getBytes(StandardCharsets.UTF_8)),
                clientThreads);
    }

    private RemotingCommand status(String clientAddr) throws Exception {
        RemotingCommand request = RemotingCommand.request(RequestCode.INVOKE_BROKER_TO_GET_CONSUMER_STATUS)
                .putExt("topic", TOPIC).putExt("group", "G1");
        return broker.call(admin, clientAddr == null ? request : request.putExt("clientAddr", clientAddr));
    }

    @Test
    void shouldGatherTheQueueOffsetsOfEveryLiveClientUnderItsClientId() throws Exception {
        consumerAnswering("10.0.0.1@1", TABLE_1);
        consumerAnswering("10.0.0.2@2", TABLE_2);

        RemotingCommand response = status(null);

        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"consumerTable\":{"
                + "\"10.0.0.1@1\":" + TABLE_1 + ",\"10.0.0.2@2\":" + TABLE_2 + "},\"messageQueueTable\":{}}");
    }

    @Test
    void shouldAskOnlyTheNamedClient() throws Exception {
        consumerAnswering("10.0.0.1@1", TABLE_1);
        consumerAnswering("10.0.0.2@2", TABLE_2);

        RemotingCommand response = status("10.0.0.2@2");

        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"consumerTable\":{\"10.0.0.2@2\":" + TABLE_2 + "},\"messageQueueTable\":{}}");
    }

    @Test
    void shouldLeaveOutAClientThatAnswersAnError() throws Exception {
        consumerAnswering("10.0.0.1@1", TABLE_1);
        RemotingClient failing = broker.consumer("10.0.0.3@3", "G1");
        failing.registerProcessor(RequestCode.GET_CONSUMER_STATUS_FROM_CLIENT,
                (ch, req) -> RemotingCommand.response(ResponseCode.SYSTEM_ERROR, "no"), clientThreads);

        RemotingCommand response = status(null);

        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"consumerTable\":{\"10.0.0.1@1\":" + TABLE_1 + "},\"messageQueueTable\":{}}");
    }

    @Test
    void shouldAnswerConsumerNotOnlineForAGroupWithoutLiveClients() throws Exception {
        RemotingCommand response = status(null);

        assertThat(response.code()).isEqualTo(ResponseCode.CONSUMER_NOT_ONLINE);
        assertThat(response.remark()).contains("G1");
    }
}
