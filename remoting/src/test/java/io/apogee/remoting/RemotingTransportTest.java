package io.apogee.remoting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Server and client over real loopback sockets. */
class RemotingTransportTest {

    private static final int ECHO = 1000;
    private static final int SILENT = 1001;
    private static final int LATER = 1002;
    private static final int NEEDS_TOPIC = 1003;
    private static final int CRASHES = 1004;
    private static final int BUSY = 1005;
    private static final int ASK_CLIENT = 1006;
    private static final int CLIENT_SIDE = 1100;

    private final ExecutorService replier = Executors.newSingleThreadExecutor();
    private final List<RemoteChannel> connected = new CopyOnWriteArrayList<>();
    private final List<RemoteChannel> disconnected = new CopyOnWriteArrayList<>();
    private final List<RemotingCommand> silentlyReceived = new CopyOnWriteArrayList<>();
    private RemotingServer server;
    private RemotingClient client;
    private String addr;

    @BeforeEach
    void startServerAndClient() {
        server = new RemotingServer(new ServerSettings("test-server", "127.0.0.1", 0, 2, 100, 2, 60,
                new ServerSettings.InboundLimits(1 << 20, 60, 64 << 20)));
        server.registerProcessor(ECHO, (channel, request) -> RemotingCommand.success()
                .remark("echo " + request.ext("word")).body(request.body()));
        server.registerProcessor(SILENT, (channel, request) -> {
            silentlyReceived.add(request);
            return RemotingCommand.success();
        });
        server.registerProcessor(LATER, (channel, request) -> {
            replier.execute(() -> channel.reply(request, RemotingCommand.success().remark("later")));
            return null;
        });
        server.registerProcessor(NEEDS_TOPIC, (channel, request) -> {
            request.requireExt("topic");
            return RemotingCommand.success();
        });
        server.registerProcessor(CRASHES, (channel, request) -> {
            throw new IllegalStateException("boom");
        });
        server.registerProcessor(BUSY, (channel, request) -> RemotingCommand.success(), command -> {
            throw new RejectedExecutionException("full");
        });
        server.registerProcessor(ASK_CLIENT, (channel, request) -> {
            channel.invoke(RemotingCommand.request(CLIENT_SIDE).putExt("q", "ping"), 3000)
                    .whenComplete((answer, failure) -> channel.reply(request, failure == null
                            ? RemotingCommand.success().remark("client said " + answer.remark())
                            : RemotingCommand.response(ResponseCode.SYSTEM_ERROR, failure.getMessage())));
            return null;
        });
        server.addListener(new ChannelEventListener() {
            @Override
            public void onConnect(RemoteChannel channel) {
                connected.add(channel);
            }

            @Override
            public void onClose(RemoteChannel channel) {
                disconnected.add(channel);
            }
        });
        server.start();
        addr = "127.0.0.1:" + server.port();
        client = new RemotingClient("test-client");
        client.start();
    }

    @AfterEach
    void stopAll() {
        client.close();
        server.close();
        replier.shutdownNow();
    }

    @ParameterizedTest
    @EnumSource(SerializeType.class)
    void shouldAnswerRequestInTheSerializationItUsed(SerializeType type) throws Exception {
        RemotingCommand request = RemotingCommand.request(ECHO).serializeType(type).putExt("word", "hi")
                .body("payload".getBytes(StandardCharsets.UTF_8));

        RemotingCommand response = client.invokeSync(addr, request, 3000);

        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(response.remark()).isEqualTo("echo hi");
        assertThat(response.body()).asString(StandardCharsets.UTF_8).isEqualTo("payload");
        assertThat(response.serializeType()).isEqualTo(type);
        assertThat(response.opaque()).isEqualTo(request.opaque());
        assertThat(response.version()).isEqualTo(RemotingCommand.APOGEE_VERSION);
    }

    @Test
    void shouldReuseOneConnectionPerAddress() throws Exception {
        for (int i = 0; i < 5; i++) {
            client.invokeSync(addr, RemotingCommand.request(ECHO), 3000);
        }

        assertThat(connected).hasSize(1);
    }

    @Test
    void shouldNeverAnswerOnewayRequest() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(FrameCodec.encodeToBytes(RemotingCommand.request(SILENT).opaque(1).markOneway()));
            out.write(FrameCodec.encodeToBytes(RemotingCommand.request(ECHO).opaque(2)));

            DataInputStream in = new DataInputStream(socket.getInputStream());
            RemotingCommand first = readFrame(in);
            await().atMost(Duration.ofSeconds(5)).until(() -> silentlyReceived.size() == 1);
            out.write(FrameCodec.encodeToBytes(RemotingCommand.request(ECHO).opaque(3)));
            RemotingCommand second = readFrame(in);

            assertThat(List.of(first.opaque(), second.opaque())).containsExactly(2, 3);
        }
    }

    @Test
    void shouldSendOnewayRequestFromClient() throws Exception {
        client.invokeOneway(addr, RemotingCommand.request(SILENT).putExt("k", "v"));

        await().atMost(Duration.ofSeconds(5)).until(() -> silentlyReceived.size() == 1);
        assertThat(silentlyReceived.get(0).isOneway()).isTrue();
        assertThat(silentlyReceived.get(0).ext("k")).isEqualTo("v");
    }

    @Test
    void shouldSendBodyRegionAndReleaseItAfterTheWrite() throws Exception {
        ByteBuf region = Unpooled.directBuffer(4).writeBytes(new byte[] {9, 8, 7, 6});
        server.registerProcessor(2001, (channel, request) -> RemotingCommand.success().bodyRegion(region));

        RemotingCommand response = client.invokeSync(addr, RemotingCommand.request(2001), 3000);

        assertThat(response.body()).containsExactly(9, 8, 7, 6);
        await().atMost(Duration.ofSeconds(5)).until(() -> region.refCnt() == 0);
    }

    @Test
    void shouldMatchManyConcurrentResponsesToTheirRequests() {
        List<CompletableFuture<RemotingCommand>> calls = IntStream.range(0, 300)
                .mapToObj(i -> client.invokeAsync(addr, RemotingCommand.request(i % 2 == 0 ? ECHO : LATER)
                        .putExt("word", String.valueOf(i)), 5000))
                .toList();

        for (int i = 0; i < calls.size(); i++) {
            assertThat(calls.get(i).join().remark()).isEqualTo(i % 2 == 0 ? "echo " + i : "later");
        }
    }

    @Test
    void shouldDeliverReplySentLaterFromAnotherThread() throws Exception {
        RemotingCommand response = client.invokeSync(addr, RemotingCommand.request(LATER), 3000);

        assertThat(response.remark()).isEqualTo("later");
    }

    @Test
    void shouldCompleteAsyncInvocation() throws Exception {
        CompletableFuture<RemotingCommand> response =
                client.invokeAsync(addr, RemotingCommand.request(ECHO).putExt("word", "async"), 3000);

        assertThat(response.get(5, TimeUnit.SECONDS).remark()).isEqualTo("echo async");
    }

    @Test
    void shouldAnswerUnknownCodeWithRequestCodeNotSupported() throws Exception {
        RemotingCommand response = client.invokeSync(addr, RemotingCommand.request(9999), 3000);

        assertThat(response.code()).isEqualTo(ResponseCode.REQUEST_CODE_NOT_SUPPORTED);
        assertThat(response.remark()).isEqualTo(" request type 9999 not supported");
    }

    @Test
    void shouldTurnMissingHeaderIntoSystemErrorNamingTheField() throws Exception {
        RemotingCommand response = client.invokeSync(addr, RemotingCommand.request(NEEDS_TOPIC), 3000);

        assertThat(response.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(response.remark()).contains("'topic'");
    }

    @Test
    void shouldTurnProcessorFailureIntoSystemErrorAndKeepServing() throws Exception {
        RemotingCommand response = client.invokeSync(addr, RemotingCommand.request(CRASHES), 3000);

        assertThat(response.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(response.remark()).contains("boom");
        assertThat(client.invokeSync(addr, RemotingCommand.request(ECHO), 3000).code()).isZero();
    }

    @Test
    void shouldAnswerSystemBusyWhenExecutorRejects() throws Exception {
        RemotingCommand response = client.invokeSync(addr, RemotingCommand.request(BUSY), 3000);

        assertThat(response.code()).isEqualTo(ResponseCode.SYSTEM_BUSY);
    }

    @Test
    void shouldLetServerCallClientProcessorOnTheSameConnection() throws Exception {
        client.registerProcessor(CLIENT_SIDE, (channel, request) ->
                RemotingCommand.success().remark("pong to " + request.ext("q")), Runnable::run);

        RemotingCommand response = client.invokeSync(addr, RemotingCommand.request(ASK_CLIENT), 3000);

        assertThat(response.remark()).isEqualTo("client said pong to ping");
        assertThat(connected).hasSize(1);
    }

    @Test
    void shouldAnswerUnknownServerRequestAtTheClientWithRequestCodeNotSupported() throws Exception {
        RemotingCommand response = client.invokeSync(addr, RemotingCommand.request(ASK_CLIENT), 3000);

        assertThat(response.remark()).isEqualTo("client said  request type " + CLIENT_SIDE + " not supported");
    }

    @Test
    void shouldFailPendingServerRequestWhenClientDisconnects() throws Exception {
        client.registerProcessor(CLIENT_SIDE, (channel, request) -> null, Runnable::run);
        client.invokeSync(addr, RemotingCommand.request(ECHO), 3000);
        RemoteChannel toClient = connected.get(0);

        CompletableFuture<RemotingCommand> pending = toClient.invoke(RemotingCommand.request(CLIENT_SIDE), 30_000);
        client.closeChannel(addr);

        await().atMost(Duration.ofSeconds(5)).until(pending::isDone);
        assertThatThrownBy(pending::join).hasCauseInstanceOf(RemotingException.class)
                .cause().satisfies(cause -> assertThat(((RemotingException) cause).kind())
                        .isEqualTo(RemotingException.Kind.CHANNEL_CLOSED));
        await().atMost(Duration.ofSeconds(5)).until(() -> disconnected.contains(toClient));
    }

    @Test
    void shouldReconnectAfterConnectionClosed() throws Exception {
        client.invokeSync(addr, RemotingCommand.request(ECHO), 3000);
        connected.get(0).close();
        await().atMost(Duration.ofSeconds(5)).until(() -> disconnected.size() == 1);

        RemotingCommand response = client.invokeSync(addr, RemotingCommand.request(ECHO), 3000);

        assertThat(response.code()).isZero();
        assertThat(connected).hasSize(2);
    }

    @Test
    void shouldTimeOutUnansweredRequest() {
        server.registerProcessor(2000, (channel, request) -> null);

        assertThatThrownBy(() -> client.invokeSync(addr, RemotingCommand.request(2000), 200))
                .isInstanceOfSatisfying(RemotingException.class,
                        e -> assertThat(e.kind()).isEqualTo(RemotingException.Kind.TIMEOUT));
    }

    @Test
    void shouldFailToConnectToClosedPort() throws Exception {
        int freePort;
        try (ServerSocket probe = new ServerSocket(0)) {
            freePort = probe.getLocalPort();
        }

        assertThatThrownBy(() -> client.invokeSync("127.0.0.1:" + freePort, RemotingCommand.request(ECHO), 3000))
                .isInstanceOfSatisfying(RemotingException.class,
                        e -> assertThat(e.kind()).isEqualTo(RemotingException.Kind.CONNECT_FAILED));
    }

    @Test
    void shouldRejectAddressWithoutPort() {
        assertThatThrownBy(() -> client.invokeAsync("localhost", RemotingCommand.request(ECHO), 100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'localhost'");
    }

    @Test
    void shouldCloseIdleConnection() throws Exception {
        try (RemotingServer impatient = new RemotingServer(
                new ServerSettings("impatient", "127.0.0.1", 0, 1, 100, 1, 1,
                        ServerSettings.InboundLimits.DEFAULT))) {
            AtomicReference<RemoteChannel> closed = new AtomicReference<>();
            impatient.addListener(new ChannelEventListener() {
                @Override
                public void onClose(RemoteChannel channel) {
                    closed.set(channel);
                }
            });
            impatient.start();

            client.invokeSync("127.0.0.1:" + impatient.port(), RemotingCommand.request(1), 3000);

            await().atMost(Duration.ofSeconds(10)).until(() -> closed.get() != null);
        }
    }

    static RemotingCommand readFrame(DataInputStream in) throws Exception {
        int length = in.readInt();
        byte[] frame = new byte[length + 4];
        ByteBuffer.wrap(frame).putInt(length);
        in.readFully(frame, 4, length);
        return FrameCodec.decode(frame);
    }
}
