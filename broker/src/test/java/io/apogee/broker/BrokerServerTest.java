package io.apogee.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.remoting.RemotingClient;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ResponseCode;
import io.apogee.store.MessageStoreConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerServerTest {

    @TempDir
    Path dir;

    private final FakeNameServer nameServer = new FakeNameServer();
    private final RemotingClient client = new RemotingClient("broker-server-test");

    @AfterEach
    void stop() {
        client.close();
        nameServer.close();
    }

    private BrokerServer broker() {
        BrokerConfig config = new BrokerConfig();
        config.listenPort = 0;
        config.brokerIP1 = "127.0.0.1";
        config.namesrvAddr = nameServer.address();
        MessageStoreConfig storeConfig = new MessageStoreConfig();
        storeConfig.storePathRootDir = dir.toString();
        storeConfig.mapedFileSizeCommitLog = 1024 * 1024;
        return new BrokerServer(config, storeConfig);
    }

    private static RemotingCommand send(String topic) {
        return RemotingCommand.request(RequestCode.SEND_MESSAGE_V2)
                .putExt("a", "PG1").putExt("b", topic).putExt("c", "TBW102").putExt("d", 4).putExt("e", 0)
                .putExt("f", 0).putExt("g", System.currentTimeMillis()).putExt("h", 0)
                .putExt("i", "TAGS\u0001T\u0002").body("hello".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldRegisterAtStartServeSendsAndUnregisterAtClose() throws Exception {
        BrokerServer broker = broker();
        try {
            broker.start();
            assertThat(broker.address()).isEqualTo("127.0.0.1:" + broker.port());
            await().atMost(Duration.ofSeconds(5)).until(() -> !nameServer.registrations.isEmpty());
            assertThat(nameServer.registrations.get(0).ext("brokerAddr")).isEqualTo(broker.address());

            RemotingCommand response = client.invokeSync(broker.address(), send("TopicA"), 5_000);

            assertThat(response.code()).as(response.remark()).isEqualTo(ResponseCode.SUCCESS);
            assertThat(nameServer.hasRegistrationOfExactly("TopicA")).isTrue();
        } finally {
            broker.close();
        }
        assertThat(nameServer.unregistrations).hasSize(1);
    }

    @Test
    void shouldKeepTopicsAcrossRestart() throws Exception {
        BrokerServer first = broker();
        try {
            first.start();
            client.invokeSync(first.address(), send("Persisted"), 5_000);
        } finally {
            first.close();
        }
        BrokerServer second = broker();
        try {
            second.start();
            assertThat(second.topics().find("Persisted")).isNotNull();
            assertThat(second.topics().find("Persisted").writeQueueNums).isEqualTo(4);
        } finally {
            second.close();
        }
    }
}
