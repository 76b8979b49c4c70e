package io.apogee.remoting;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Bad bytes from a raw socket close that connection only; the server keeps answering others. */
class MalformedInputTest {

    private static final int MAX_FRAME = ServerSettings.DEFAULT_MAX_FRAME_LENGTH;

    private final ListAppender<ILoggingEvent> decoderLog = new ListAppender<>();
    private RemotingServer server;
    private RemotingClient client;

    @BeforeEach
    void start() {
        ((Logger) LoggerFactory.getLogger(FrameDecoder.class)).addAppender(decoderLog);
        decoderLog.start();
        server = new RemotingServer(ServerSettings.of("strict", 0));
        server.registerProcessor(1, (channel, request) -> RemotingCommand.success().remark("fine"));
        server.start();
        client = new RemotingClient("good-client");
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
        ((Logger) LoggerFactory.getLogger(FrameDecoder.class)).detachAppender(decoderLog);
    }

    @Test
    void shouldCloseConnectionSendingOversizedFrame() throws Exception {
        assertClosedAfter(ByteBuffer.allocate(4).putInt(MAX_FRAME).array(), "exceeds the maximum");
    }

    @Test
    void shouldCloseConnectionSendingNegativeLength() throws Exception {
        assertClosedAfter(ByteBuffer.allocate(4).putInt(-5).array(), "frame length -5");
    }

    @Test
    void shouldCloseConnectionSendingTooSmallLength() throws Exception {
        assertClosedAfter(ByteBuffer.allocate(8).putInt(2).putShort((short) 0).array(), "frame length 2");
    }

    @Test
    void shouldCloseConnectionWhoseHeaderLengthExceedsFrame() throws Exception {
        byte[] frame = ByteBuffer.allocate(12).putInt(8).putInt(500).putInt(0).array();
        assertClosedAfter(frame, "header length 500");
    }

    @Test
    void shouldCloseConnectionSendingUnknownSerialization() throws Exception {
        byte[] frame = ByteBuffer.allocate(10).putInt(6).putInt(0x05000002).put("{}".getBytes()).array();
        assertClosedAfter(frame, "serialization type 5");
    }

    @Test
    void shouldCloseConnectionSendingGarbageJson() throws Exception {
        assertClosedAfter(FrameCodecTest.jsonFrame("{\"code\":12,,garbage", new byte[0]), "unparsable JSON header");
    }

    @Test
    void shouldCloseConnectionSendingJsonHeaderWithTrailingGarbage() throws Exception {
        assertClosedAfter(FrameCodecTest.jsonFrame("{\"code\":1}\n2026-01-01 INFO forged", new byte[0]),
                "JSON header has trailing bytes");
    }

    @Test
    void shouldCloseConnectionSendingBinaryHeaderWithTrailingBytes() throws Exception {
        assertClosedAfter(FrameCodecTest.binaryFrameWithTrailingHeaderBytes(RemotingCommand.request(1), 5),
                "leaving 5 trailing bytes");
    }

    private void assertClosedAfter(byte[] bytes, String reason) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();

            InputStream in = socket.getInputStream();
            assertThat(in.read()).isEqualTo(-1);
            String peer = "127.0.0.1:" + socket.getLocalPort();

            List<ILoggingEvent> warnings = decoderLog.list.stream()
                    .filter(event -> event.getLevel() == Level.WARN).toList();
            assertThat(warnings).hasSize(1);
            assertThat(warnings.get(0).getFormattedMessage()).contains("from " + peer + ":").contains(reason);
        }
        RemotingCommand response = client.invokeSync("127.0.0.1:" + server.port(), RemotingCommand.request(1), 3000);
        assertThat(response.remark()).isEqualTo("fine");
    }
}
