package io.apogee.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Malformed traffic on the broker port: the offending connection is answered or dropped, the broker lives on. */
class BadInputIT {

    private static final int CLOSE_PATIENCE_MILLIS = 30_000;

    @RegisterExtension
    static final SharedServer server = new SharedServer();

    @AfterEach
    void brokerShouldStillServeARealProducer() throws Exception {
        DefaultMQProducer producer = TestClients.startedProducer(server.namesrvAddress());
        try {
            String topic = UniqueName.of("AfterBadInput");
            assertThat(producer.send(KeyedMessages.message(topic, "TagA", "still-alive")).getSendStatus())
                    .isEqualTo(SendStatus.SEND_OK);
        } finally {
            producer.shutdown();
        }
    }

    @Test
    void shouldCloseConnectionOnGarbageBytes() throws Exception {
        byte[] garbage = new byte[20];
        Arrays.fill(garbage, (byte) 0xEE);
        ByteBuffer.wrap(garbage).putInt(16);

        try (Socket socket = connect()) {
            write(socket, garbage);

            assertThat(RawFrames.closedByPeer(socket, CLOSE_PATIENCE_MILLIS)).as("connection closed").isTrue();
        }
    }

    @Test
    void shouldCloseConnectionOnA64MiBFrameLength() throws Exception {
        byte[] prefix = ByteBuffer.allocate(8).putInt(64 * 1024 * 1024).putInt(16).array();

        try (Socket socket = connect()) {
            write(socket, prefix);

            assertThat(RawFrames.closedByPeer(socket, CLOSE_PATIENCE_MILLIS)).as("connection closed").isTrue();
        }
    }

    @Test
    void shouldAnswerUnknownRequestCodeWithCode3NamingTheCode() throws Exception {
        try (Socket socket = connect()) {
            write(socket, RawFrames.jsonRequest(9999, 77));

            JsonNode response = RawFrames.readHeader(socket.getInputStream());

            assertThat(response.path("code").asInt(-1)).as("response code in %s", response).isEqualTo(3);
            assertThat(response.path("opaque").asInt(-1)).isEqualTo(77);
            assertThat(response.path("flag").asInt() & 1).as("response flag").isEqualTo(1);
            assertThat(response.path("remark").asText()).contains("9999");
        }
    }

    private static Socket connect() throws Exception {
        return new Socket("127.0.0.1", server.brokerPort());
    }

    private static void write(Socket socket, byte[] bytes) throws Exception {
        OutputStream out = socket.getOutputStream();
        out.write(bytes);
        out.flush();
    }
}
