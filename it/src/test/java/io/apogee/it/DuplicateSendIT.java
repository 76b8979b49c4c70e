package io.apogee.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.client.consumer.PullResult;
import org.apache.rocketmq.client.consumer.PullStatus;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.Test;

/**
 * A producer's retry of a send the broker did store is not stored again (duplicateSendDetectEnable, the
 * RecentSends window): the broker runs in a network namespace behind {@link SendResponseDelay}, which holds its
 * SEND response back longer than the client's sendMsgTimeout, so the real client times out on a stored message; the
 * application then retries the same Message (same UNIQ_KEY), as a careful user does, and the topic must hold one
 * copy, answered with the original's queue offset and offsetMsgId. The same scenario with the window switched off
 * stores two copies (the test can fail). Raw frames: the same SEND frame twice gets the same offset. Skipped where
 * network namespaces cannot be made (needs root and {@code ip}).
 */
class DuplicateSendIT extends ChildBrokerTest {

    private static final int SEND_TIMEOUT_MILLIS = 1500;
    private static final int HELD_BACK_MILLIS = 3000;
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private SendResponseDelay proxy;
    private InetSocketAddress brokerInside;

    @Test
    void shouldStoreASendRetriedAfterAResponseTimeoutOnce() throws Exception {
        startBroker(true);
        Stored stored = timeOutThenRetry();
        assertThat(stored.copies()).hasSize(1);
        MessageExt only = stored.copies().get(0);
        assertThat(stored.retry().getSendStatus()).isEqualTo(SendStatus.SEND_OK);
        assertThat(stored.retry().getQueueOffset()).isEqualTo(only.getQueueOffset());
        assertThat(stored.retry().getMessageQueue().getQueueId()).isEqualTo(only.getQueueId());
        assertThat(stored.retry().getOffsetMsgId()).isEqualToIgnoringCase(offsetMsgId(only));
        PrometheusScrape metrics = PrometheusScrape.of(brokerInside.getHostString(), brokerInside.getPort() + 3);
        assertThat(metrics.value("apogee_duplicate_sends_total")).isEqualTo(1.0);
        assertThat(metrics.value("apogee_duplicate_window_keys")).isGreaterThanOrEqualTo(2.0);
    }

    @Test
    void shouldStoreTheRetryAgainWhenDuplicateDetectionIsOff() throws Exception {
        startBroker(false);
        assertThat(timeOutThenRetry().copies()).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void shouldStoreOnceWhenTheClientItselfRetriesATimedOutSend() throws Exception {
        startBroker(true);
        Stored stored = clientRetriesAfterTimeout();
        assertThat(stored.copies()).hasSize(1);
        assertThat(stored.retry().getQueueOffset()).isEqualTo(stored.copies().get(0).getQueueOffset());
        assertThat(stored.retry().getOffsetMsgId()).isEqualToIgnoringCase(offsetMsgId(stored.copies().get(0)));
    }

    @Test
    void shouldStoreTheClientsOwnRetryAgainWhenOff() throws Exception {
        startBroker(false);
        assertThat(clientRetriesAfterTimeout().copies()).hasSizeGreaterThanOrEqualTo(2);
    }

    /**
     * Client 5.x only ({@code sendMsgMaxTimeoutPerRequest}, set by reflection so this compiles against 4.9.8): each
     * attempt may take 1 s of the 8 s budget, so the client retries a timed-out attempt itself; only the first SEND
     * response is held back.
     */
    private Stored clientRetriesAfterTimeout() throws Exception {
        Method perRequest = perRequestTimeout();
        assumeTrue(perRequest != null, "sendMsgMaxTimeoutPerRequest is a client 5.x setting");
        DefaultMQProducer producer = TestClients.producer(namesrvAddress);
        producer.setSendMsgTimeout(8000);
        perRequest.invoke(producer, 1000);
        producer.start();
        track(producer::shutdown);
        String topic = UniqueName.of("DupSelf");
        await().atMost(PATIENCE).ignoreExceptions()
                .until(() -> producer.send(new Message(topic, "warm".getBytes(StandardCharsets.UTF_8))) != null);
        Message message = new Message(topic, "TagA", "dup", "stored once".getBytes(StandardCharsets.UTF_8));
        proxy.delayNext(1500);
        SendResult result = producer.send(message);
        assertThat(result.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
        await().atMost(PATIENCE).until(() -> proxy.delayed() == 1);
        return new Stored(result, copies(topic, message.getProperty("UNIQ_KEY")));
    }

    private static Method perRequestTimeout() {
        try {
            return DefaultMQProducer.class.getMethod("setSendMsgMaxTimeoutPerRequest", int.class);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    @Test
    void shouldAnswerTheSameSendFrameTwiceWithTheSameOffsetAndOnlyWhenOn() throws Exception {
        startBroker(true);
        String topic = warmTopic();
        JsonNode first = sendRaw(topic, "AC1100020000000000000000000000A1");
        JsonNode second = sendRaw(topic, "AC1100020000000000000000000000A1");
        assertThat(first.path("code").asInt()).isZero();
        assertThat(second.path("extFields")).isEqualTo(first.path("extFields"));
        JsonNode other = sendRaw(topic, "AC1100020000000000000000000000A2");
        assertThat(other.path("extFields").path("queueOffset").asLong())
                .isEqualTo(first.path("extFields").path("queueOffset").asLong() + 1);
    }

    @Test
    void shouldStoreTheSameSendFrameTwiceWhenOff() throws Exception {
        startBroker(false);
        String topic = warmTopic();
        JsonNode first = sendRaw(topic, "AC1100020000000000000000000000B1");
        JsonNode second = sendRaw(topic, "AC1100020000000000000000000000B1");
        assertThat(second.path("extFields").path("queueOffset").asLong())
                .isEqualTo(first.path("extFields").path("queueOffset").asLong() + 1);
    }

    private record Stored(SendResult retry, List<MessageExt> copies) {
    }

    /** One send whose response is held back past the client's timeout, then the application's retry. */
    private Stored timeOutThenRetry() throws Exception {
        DefaultMQProducer producer = producer();
        String topic = UniqueName.of("Dup");
        await().atMost(PATIENCE).ignoreExceptions()
                .until(() -> producer.send(new Message(topic, "warm".getBytes(StandardCharsets.UTF_8))) != null);
        Message message = new Message(topic, "TagA", "dup", "stored once".getBytes(StandardCharsets.UTF_8));
        proxy.delay(HELD_BACK_MILLIS);
        Throwable timedOut = catchThrowable(() -> producer.send(message));
        assertThat(timedOut).as("the client gave up on the first send").isNotNull();
        await().atMost(PATIENCE).until(() -> proxy.delayed() >= 1);
        proxy.delay(0);
        SendResult retry = producer.send(message);
        String uniqKey = message.getProperty("UNIQ_KEY");
        assertThat(retry.getMsgId()).isEqualTo(uniqKey);
        return new Stored(retry, copies(topic, uniqKey));
    }

    private DefaultMQProducer producer() throws Exception {
        DefaultMQProducer producer = TestClients.producer(namesrvAddress);
        producer.setSendMsgTimeout(SEND_TIMEOUT_MILLIS);
        producer.start();
        track(producer::shutdown);
        return producer;
    }

    /** Every stored message of {@code topic} whose UNIQ_KEY is {@code uniqKey}. */
    @SuppressWarnings("deprecation")
    private List<MessageExt> copies(String topic, String uniqKey) throws Exception {
        DefaultMQPullConsumer reader = TestClients.startedPullConsumer(namesrvAddress, UniqueName.of("Reader"));
        track(reader::shutdown);
        List<MessageExt> found = new ArrayList<>();
        for (MessageQueue queue : reader.fetchSubscribeMessageQueues(topic)) {
            long max = reader.maxOffset(queue);
            for (long offset = reader.minOffset(queue); offset < max; ) {
                PullResult result = reader.pull(queue, "*", offset, 32);
                assertThat(result.getPullStatus()).isEqualTo(PullStatus.FOUND);
                result.getMsgFoundList().stream().filter(m -> uniqKey.equals(m.getProperty("UNIQ_KEY")))
                        .forEach(found::add);
                offset = result.getNextBeginOffset();
            }
        }
        return found;
    }

    /** The offsetMsgId of a pulled message: its store host and commit-log offset, as the broker builds it. */
    private static String offsetMsgId(MessageExt m) {
        InetSocketAddress host = (InetSocketAddress) m.getStoreHost();
        ByteBuffer b = ByteBuffer.allocate(16).put(host.getAddress().getAddress()).putInt(host.getPort())
                .putLong(m.getCommitLogOffset());
        StringBuilder hex = new StringBuilder();
        for (byte x : b.array()) {
            hex.append(String.format("%02X", x));
        }
        return hex.toString();
    }

    private String warmTopic() throws Exception {
        DefaultMQProducer producer = producer();
        String topic = UniqueName.of("DupRaw");
        await().atMost(PATIENCE).ignoreExceptions()
                .until(() -> producer.send(new Message(topic, "warm".getBytes(StandardCharsets.UTF_8))) != null);
        return topic;
    }

    /** One SEND_MESSAGE (10) frame with a JSON header, straight to the broker; its response header. */
    private JsonNode sendRaw(String topic, String uniqKey) throws IOException {
        ObjectNode ext = JSON.createObjectNode()
                .put("producerGroup", "RawGroup").put("topic", topic).put("defaultTopic", "TBW102")
                .put("defaultTopicQueueNums", "4").put("queueId", "0").put("sysFlag", "0")
                .put("bornTimestamp", "1700000000000").put("flag", "0")
                .put("properties", "UNIQ_KEY\u0001" + uniqKey + "\u0002");
        ObjectNode header = JSON.createObjectNode().put("code", 10).put("flag", 0).put("language", "JAVA")
                .put("opaque", 7).put("serializeTypeCurrentRPC", "JSON").put("version", 493);
        header.set("extFields", ext);
        byte[] head = JSON.writeValueAsBytes(header);
        byte[] body = "raw body".getBytes(StandardCharsets.UTF_8);
        byte[] frame = ByteBuffer.allocate(8 + head.length + body.length).putInt(4 + head.length + body.length)
                .putInt(head.length).put(head).put(body).array();
        try (Socket socket = new Socket(brokerInside.getAddress(), brokerInside.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(frame);
            return RawFrames.readHeader(socket.getInputStream());
        }
    }

    private void startBroker(boolean detectDuplicates) throws Exception {
        NetworkNamespace ns = NetworkNamespace.create();
        assumeTrue(ns != null, "needs root and ip netns to put the broker behind a delaying proxy");
        track(ns);
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(ns.hostAddress()))) {
            port = probe.getLocalPort();
        }
        brokerInside = new InetSocketAddress(ns.innerAddress(), port);
        proxy = track(new SendResponseDelay(ns.hostAddress(), port, brokerInside));
        String namesrvPort = namesrvAddress.substring(namesrvAddress.lastIndexOf(':') + 1);
        Path config = writeBrokerConfig("DedupCluster", "ASYNC_FLUSH", "listenPort=" + port,
                "brokerIP1=" + ns.hostAddress(), "duplicateSendDetectEnable=" + detectDuplicates);
        track(ChildBroker.startInNamespace(ns.name(), config, ns.hostAddress() + ":" + namesrvPort,
                workDir.resolve("broker.log")));
    }
}
