package io.apogee.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apogee.remoting.RemotingClient;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A flood of parked pulls against a broker process with a 256 MiB heap: 2,500 suspended pulls carrying a 256 KiB
 * extra header field each (640 MiB of headers) are parked without exhausting the heap, the broker keeps serving
 * sends and pulls, and the parked pulls go as soon as their connections close. (Before, the parked requests were
 * kept whole, the heap filled, OutOfMemoryError killed broker threads, and the memory stayed until a message
 * arrived on the queue.)
 */
@SuppressWarnings("deprecation")
class PullFloodIT extends ChildBrokerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final int CONNECTIONS = 25;
    private static final int PULLS_PER_CONNECTION = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldParkAFloodOfBloatedPullsWithinABoundedHeapAndDropThemWithTheirConnections() throws Exception {
        Path config = writeBrokerConfig("FloodCluster", "ASYNC_FLUSH");
        ChildBroker broker = track(ChildBroker.start(config, namesrvAddress, workDir.resolve("broker.log")));
        String topic = UniqueName.of("FloodTopic");
        DefaultMQProducer producer = TestClients.startedProducer(namesrvAddress);
        track(producer::shutdown);
        SendResult first = producer.send(KeyedMessages.message(topic, "TagA", "before-flood"));
        int emptyQueue = (first.getMessageQueue().getQueueId() + 1) % 4;
        RemotingClient admin = track(new RemotingClient("flood-admin"));
        admin.start();

        List<Socket> flood = new ArrayList<>();
        byte[] padding = "p".repeat(256 * 1024).getBytes(StandardCharsets.US_ASCII);
        for (int c = 0; c < CONNECTIONS; c++) {
            Socket socket = track(connect(broker.address()));
            flood.add(socket);
            OutputStream out = socket.getOutputStream();
            for (int i = 0; i < PULLS_PER_CONNECTION; i++) {
                out.write(suspendedPull(topic, emptyQueue, c * PULLS_PER_CONNECTION + i, padding));
            }
            out.flush();
        }
        int total = CONNECTIONS * PULLS_PER_CONNECTION;
        await().atMost(PATIENCE).until(() -> heldPulls(admin, broker) == total);

        assertThat(producer.send(KeyedMessages.message(topic, "TagA", "during-flood")).getSendStatus())
                .isEqualTo(SendStatus.SEND_OK);
        DefaultMQPullConsumer reader = TestClients.startedPullConsumer(namesrvAddress, UniqueName.of("Reader"));
        track(reader::shutdown);
        assertThat(TopicReader.readAll(reader, topic).keySet()).contains("before-flood", "during-flood");

        for (Socket socket : flood) {
            socket.close();
        }
        await().atMost(PATIENCE).until(() -> heldPulls(admin, broker) == 0);
        assertThat(broker.logText()).doesNotContain("OutOfMemoryError");
    }

    private static Socket connect(String address) throws Exception {
        int colon = address.lastIndexOf(':');
        return new Socket(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
    }

    /** The broker's heldPullRequests figure (GET_BROKER_RUNTIME_INFO). */
    private static int heldPulls(RemotingClient admin, ChildBroker broker) throws Exception {
        RemotingCommand info = admin.invokeSync(broker.address(),
                RemotingCommand.request(RequestCode.GET_BROKER_RUNTIME_INFO), 10_000);
        JsonNode table = JSON.readTree(info.body()).get("table");
        return table.get("heldPullRequests").asInt();
    }

    /** A JSON-header PULL_MESSAGE frame: suspend and subscription flags, "*", plus a bloating extra field. */
    private static byte[] suspendedPull(String topic, int queueId, int opaque, byte[] padding) throws Exception {
        ObjectNode header = JSON.createObjectNode()
                .put("code", RequestCode.PULL_MESSAGE).put("flag", 0).put("language", "JAVA")
                .put("opaque", opaque).put("serializeTypeCurrentRPC", "JSON").put("version", 493);
        header.putObject("extFields")
                .put("consumerGroup", "FloodGroup").put("topic", topic).put("queueId", String.valueOf(queueId))
                .put("queueOffset", "0").put("maxMsgNums", "32").put("sysFlag", "6")
                .put("commitOffset", "0").put("suspendTimeoutMillis", "300000").put("subscription", "*")
                .put("subVersion", "0").put("expressionType", "TAG")
                .put("padding", new String(padding, StandardCharsets.US_ASCII));
        byte[] json = JSON.writeValueAsBytes(header);
        return ByteBuffer.allocate(8 + json.length).putInt(4 + json.length).putInt(json.length).put(json).array();
    }
}
