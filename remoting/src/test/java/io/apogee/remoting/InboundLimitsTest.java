package io.apogee.remoting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The server's limits on what peers send, over real sockets: a frame must complete within the frame read timeout,
 * and all connections together may hold only the inbound buffer budget in partial frames.
 */
class InboundLimitsTest {

    private static final int KIB = 1024;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    private RemotingServer server;

    @BeforeEach
    void captureWarnings() {
        for (Class<?> source : List.of(FrameDecoder.class, InboundBudget.class)) {
            ((Logger) LoggerFactory.getLogger(source)).addAppender(log);
        }
        log.start();
    }

    @AfterEach
    void stop() {
        pacer.shutdownNow();
        if (server != null) {
            server.close();
        }
        for (Class<?> source : List.of(FrameDecoder.class, InboundBudget.class)) {
            ((Logger) LoggerFactory.getLogger(source)).detachAppender(log);
        }
    }

    @Test
    void shouldCloseConnectionTricklingAFrameLongerThanTheReadTimeout() throws Exception {
        start(new ServerSettings.InboundLimits(64 * KIB, 1, 0));
        byte[] frame = FrameCodecTest.jsonFrame("{\"code\":1}", new byte[1000]);
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            AtomicInteger next = new AtomicInteger();
            long start = System.nanoTime();
            // one byte every 100 ms: never idle, never complete
            pacer.scheduleAtFixedRate(() -> write(out, frame, next.getAndIncrement(), 1), 0, 100,
                    TimeUnit.MILLISECONDS);

            assertClosedByServer(socket);

            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(1));
            assertThat(warnings()).singleElement().asString()
                    .contains("from 127.0.0.1:" + socket.getLocalPort() + ":")
                    .contains("frame incomplete after 1 s")
                    .contains("bytes of a frame of " + frame.length + " bytes");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> server.inboundBytesHeld() == 0);
    }

    @Test
    void shouldCloseConnectionThatStopsInsideItsLengthField() throws Exception {
        start(new ServerSettings.InboundLimits(64 * KIB, 1, 0));
        try (Socket socket = connect()) {
            socket.getOutputStream().write(new byte[] {0, 0});

            assertClosedByServer(socket);

            assertThat(warnings()).singleElement().asString().contains("only 2 bytes of a frame received");
        }
    }

    @Test
    void shouldGiveEachPipelinedFrameItsOwnReadTimeout() throws Exception {
        start(new ServerSettings.InboundLimits(64 * KIB, 2, 0));
        byte[] stream = concat(request(1, 100), request(2, 100), request(3, 100));
        int third = stream.length / 3;
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            // every write ends halfway through a frame, so some frame is always partial, for 2.4 s in all; each
            // single frame arrives within 0.8 s
            for (int step = 0; step < 4; step++) {
                int from = step == 0 ? 0 : step * third - third / 2;
                int to = step == 3 ? stream.length : (step + 1) * third - third / 2;
                pacer.schedule(() -> write(out, stream, from, to - from), step * 800L, TimeUnit.MILLISECONDS);
            }
            DataInputStream in = new DataInputStream(socket.getInputStream());

            for (int opaque = 1; opaque <= 3; opaque++) {
                assertThat(RemotingTransportTest.readFrame(in).opaque()).isEqualTo(opaque);
            }
        }
        assertThat(warnings()).isEmpty();
    }

    @Test
    void shouldCloseConnectionHoldingTheMostWhenPartialFramesExceedTheBudget() throws Exception {
        start(new ServerSettings.InboundLimits(256 * KIB, 60, 512 * KIB));
        byte[] frameA = request(1, 250 * KIB);
        byte[] frameB = request(2, 250 * KIB);
        byte[] frameC = request(3, 250 * KIB);
        try (Socket a = connect(); Socket b = connect(); Socket c = connect()) {
            sendAndAwaitHeld(a, frameA, 0, 220 * KIB, 220 * KIB);
            sendAndAwaitHeld(b, frameB, 0, 100 * KIB, 320 * KIB);
            sendAndAwaitHeld(c, frameC, 0, 150 * KIB, 470 * KIB);

            // C's next 60 KiB take the total over 512 KiB: A, holding 220 KiB, is closed, although C sent last
            sendAndAwaitHeld(c, frameC, 150 * KIB, 60 * KIB, 310 * KIB);

            assertClosedByServer(a);
            assertThat(warnings()).singleElement().asString()
                    .contains("from 127.0.0.1:" + a.getLocalPort() + ":")
                    .contains("holds " + 220 * KIB + " bytes")
                    .contains("inbound buffer budget of " + 512 * KIB + " bytes");
            write(b.getOutputStream(), frameB, 100 * KIB, frameB.length - 100 * KIB);
            write(c.getOutputStream(), frameC, 210 * KIB, frameC.length - 210 * KIB);
            assertThat(RemotingTransportTest.readFrame(new DataInputStream(b.getInputStream())).remark())
                    .isEqualTo("fine");
            assertThat(RemotingTransportTest.readFrame(new DataInputStream(c.getInputStream())).remark())
                    .isEqualTo("fine");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> server.inboundBytesHeld() == 0);
    }

    @Test
    void shouldRefuseABudgetSmallerThanTheLargestFrame() {
        assertThatThrownBy(() -> new ServerSettings.InboundLimits(16 * KIB * KIB, 60, KIB * KIB))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("buffer budget 1048576");
    }

    private void start(ServerSettings.InboundLimits limits) {
        server = new RemotingServer(new ServerSettings("guarded", "127.0.0.1", 0, 2, 100, 2, 60, limits));
        server.registerProcessor(1, (channel, request) -> RemotingCommand.success().remark("fine"));
        server.registerProcessor(2, (channel, request) -> RemotingCommand.success().remark("fine"));
        server.registerProcessor(3, (channel, request) -> RemotingCommand.success().remark("fine"));
        server.start();
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private void sendAndAwaitHeld(Socket socket, byte[] frame, int from, int length, long totalHeld) {
        try {
            write(socket.getOutputStream(), frame, from, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> server.inboundBytesHeld() == totalHeld);
    }

    private List<String> warnings() {
        return log.list.stream().filter(event -> event.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** The server closed the connection: end of stream, or a reset when it closed with our bytes unread. */
    private static void assertClosedByServer(Socket socket) throws IOException {
        try {
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        } catch (SocketException e) {
            assertThat(e).hasMessageContaining("reset");
        }
    }

    private static byte[] request(int code, int bodyLength) {
        return FrameCodecTest.jsonFrame("{\"code\":" + code + ",\"opaque\":" + code + "}", new byte[bodyLength]);
    }

    private static void write(OutputStream out, byte[] bytes, int from, int length) {
        try {
            out.write(bytes, from, length);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        byte[] all = new byte[Arrays.stream(parts).mapToInt(part -> part.length).sum()];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
