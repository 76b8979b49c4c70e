package io.apogee.broker.groupadmin;

import static io.apogee.broker.groupadmin.GroupAdminFixture.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.common.message.OffsetMsgId;
import io.apogee.remoting.RemotingClient;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ResponseCode;
import io.apogee.store.StoredMessage;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClientRelayProcessorTest extends GroupAdminTest {

    private final ExecutorService clientThreads = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopClientThreads() {
        clientThreads.shutdownNow();
    }

    private static RemotingCommand runningInfo(String clientId) {
        return RemotingCommand.request(RequestCode.GET_CONSUMER_RUNNING_INFO).putExt("consumerGroup", "G1")
                .putExt("clientId", clientId).putExt("jstackEnable", false);
    }

    @Test
    void shouldRelayRunningInfoToTheClientAndAnswerItsResponseUntouched() throws Exception {
        RemotingClient client = broker.consumer("10.0.0.1@1", "G1");
        AtomicReference<RemotingCommand> asked = new AtomicReference<>();
        client.registerProcessor(RequestCode.GET_CONSUMER_RUNNING_INFO, (ch, req) -> {
            asked.set(req);
            return RemotingCommand.success().remark("from client")
                    .body("{{\"a\":1}:2}".getBytes(StandardCharsets.UTF_8));
        }, clientThreads);

        RemotingCommand response = broker.call(admin, runningInfo("10.0.0.1@1"));

        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(response.remark()).isEqualTo("from client");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{{\"a\":1}:2}");
        assertThat(asked.get().ext("consumerGroup")).isEqualTo("G1");
        assertThat(asked.get().ext("jstackEnable")).isEqualTo("false");
    }

    @Test
    void shouldRelayTheClientsErrorCode() throws Exception {
        RemotingClient client = broker.consumer("10.0.0.1@1", "G1");
        client.registerProcessor(RequestCode.GET_CONSUMER_RUNNING_INFO,
                (ch, req) -> RemotingCommand.response(ResponseCode.SYSTEM_ERROR, "client says no"), clientThreads);

        RemotingCommand response = broker.call(admin, runningInfo("10.0.0.1@1"));

        assertThat(response.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(response.remark()).isEqualTo("client says no");
    }

    @Test
    void shouldAnswerSystemErrorNamingAClientThatIsNotConnected() throws Exception {
        broker.consumer("10.0.0.1@1", "G1");

        RemotingCommand response = broker.call(admin, runningInfo("10.0.0.7@7"));

        assertThat(response.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(response.remark()).contains("10.0.0.7@7").contains("G1").contains("not online");
    }

    @Test
    void shouldSendTheStoredMessageToConsumeDirectly() throws Exception {
        long offset = broker.put(1, "direct");
        String msgId = new OffsetMsgId(new InetSocketAddress("127.0.0.1", 10911)).of(offset);
        RemotingClient client = broker.consumer("10.0.0.1@1", "G1");
        AtomicReference<RemotingCommand> asked = new AtomicReference<>();
        client.registerProcessor(RequestCode.CONSUME_MESSAGE_DIRECTLY, (ch, req) -> {
            asked.set(req);
            byte[] result = "{\"consumeResult\":\"CR_SUCCESS\"}".getBytes(StandardCharsets.UTF_8);
            return RemotingCommand.success().body(result);
        }, clientThreads);

        RemotingCommand response = broker.call(admin, RemotingCommand.request(RequestCode.CONSUME_MESSAGE_DIRECTLY)
                .putExt("consumerGroup", "G1").putExt("clientId", "10.0.0.1@1").putExt("msgId", msgId)
                .putExt("topic", TOPIC));

        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("CR_SUCCESS");
        assertThat(asked.get().ext("brokerName")).isEqualTo(GroupAdminFixture.BROKER_NAME);
        assertThat(asked.get().ext("topicSysFlag")).isEqualTo("0");
        assertThat(asked.get().ext("groupSysFlag")).isEqualTo("0");
        assertThat(new String(StoredMessage.body(ByteBuffer.wrap(asked.get().body())), StandardCharsets.UTF_8))
                .isEqualTo("direct");
    }

    @Test
    void shouldRejectAMalformedMessageId() throws Exception {
        broker.consumer("10.0.0.1@1", "G1");

        RemotingCommand response = broker.call(admin, RemotingCommand.request(RequestCode.CONSUME_MESSAGE_DIRECTLY)
                .putExt("consumerGroup", "G1").putExt("clientId", "10.0.0.1@1").putExt("msgId", "XYZ"));

        assertThat(response.code()).isEqualTo(ResponseCode.INVALID_PARAMETER);
        assertThat(response.remark()).contains("XYZ");
    }

    @Test
    void shouldAnswerQueryNotFoundWhenNoMessageStartsAtTheOffset() throws Exception {
        broker.consumer("10.0.0.1@1", "G1");
        String msgId = new OffsetMsgId(new InetSocketAddress("127.0.0.1", 10911)).of(123_456);

        RemotingCommand response = broker.call(admin, RemotingCommand.request(RequestCode.CONSUME_MESSAGE_DIRECTLY)
                .putExt("consumerGroup", "G1").putExt("clientId", "10.0.0.1@1").putExt("msgId", msgId));

        assertThat(response.code()).isEqualTo(ResponseCode.QUERY_NOT_FOUND);
    }
}
