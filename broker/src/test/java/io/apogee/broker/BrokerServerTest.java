package io.apogee.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.remoting.RemotingClient;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ResponseCode;
import io.apogee.store.MessageStoreConfig;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
        return broker(0);
    }

    private BrokerServer broker(int listenPort) {
        BrokerConfig config = new BrokerConfig();
        config.listenPort = listenPort;
        config.brokerIP1 = "127.0.0.1";
        config.namesrvAddr = nameServer.address();
        MessageStoreConfig storeConfig = new MessageStoreConfig();
        storeConfig.storePathRootDir = dir.toString();
        storeConfig.mapedFileSizeCommitLog = 1024 * 1024;
        return new BrokerServer(config, storeConfig);
    }

    /** A free port P whose P - 2 is free too (a broker on P serves its fast port on P - 2). */
    private static int freePortWithFreeFastPort() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            try {
                new ServerSocket(port - 2).close();
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free port with a free port - 2");
    }

    /** Messages dispatched to the 4 queues of an auto-created {@code topic}. */
    private static long storedIn(BrokerServer broker, String topic) {
        long stored = 0;
        for (int queueId = 0; queueId < 4; queueId++) {
            stored += broker.store().maxOffsetInQueue(topic, queueId);
        }
        return stored;
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
    void shouldServeTheTopicTableOnTheFastPortWhereApacheSlavesAskForIt() throws Exception {
        BrokerServer broker = broker(freePortWithFreeFastPort());
        try {
            broker.start();
            String fast = "127.0.0.1:" + (broker.port() - 2);

            RemotingCommand response = client.invokeSync(fast,
                    RemotingCommand.request(RequestCode.GET_ALL_TOPIC_CONFIG), 5_000);

            assertThat(response.code()).as(response.remark()).isEqualTo(ResponseCode.SUCCESS);
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("topicConfigTable");
        } finally {
            broker.close();
        }
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

    /**
     * The send path runs on the Netty I/O thread that read the request (as {@link BrokerServer} arranges it).
     * Here the disk "hangs" on topics.json: its temp file is a FIFO, so opening it for writing blocks until someone
     * reads it. A send that auto-creates a topic must not hold up the I/O thread meanwhile: a send to an existing
     * topic on the same connection (so on the same I/O thread) is answered; once the disk answers (with an error:
     * a FIFO cannot be forced), the first send gets a clear error and, retried, succeeds.
     */
    @Test
    void shouldKeepServingAConnectionWhileANewTopicWaitsForTheDisk() throws Exception {
        BrokerServer broker = broker();
        Path fifo = dir.resolve("config").resolve("topics.json.tmp");
        try {
            broker.start();
            assertThat(client.invokeSync(broker.address(), send("Existing"), 5_000).code())
                    .isEqualTo(ResponseCode.SUCCESS);
            Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
            assertThat(mkfifo.waitFor()).isZero();

            CompletableFuture<RemotingCommand> first = client.invokeAsync(broker.address(), send("Created"), 30_000);
            RemotingCommand second = client.invokeSync(broker.address(), send("Existing"), 5_000);

            assertThat(second.code()).as(second.remark()).isEqualTo(ResponseCode.SUCCESS);
            assertThat(first).isNotDone();
            byte[] written;
            try (InputStream disk = Files.newInputStream(fifo)) {
                written = disk.readAllBytes();
            }
            assertThat(new String(written, StandardCharsets.UTF_8)).contains("Created");
            RemotingCommand refused = first.get(10, TimeUnit.SECONDS);
            assertThat(refused.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
            assertThat(refused.remark()).contains("topic Created could not be stored", "topics.json");
            Files.delete(fifo);
            RemotingCommand retried = client.invokeSync(broker.address(), send("Created"), 5_000);
            assertThat(retried.code()).as(retried.remark()).isEqualTo(ResponseCode.SUCCESS);
            await().atMost(Duration.ofSeconds(5)).until(() -> storedIn(broker, "Created") > 0);
            assertThat(storedIn(broker, "Created")).as("only the retried message was stored").isEqualTo(1);
        } finally {
            if (Files.exists(fifo)) {
                // opening a FIFO for reading and writing never blocks, and releases a writer stuck opening it
                FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE).close();
                Files.delete(fifo);
            }
            broker.close();
        }
    }
}
