package io.apogee.remoting;

import io.apogee.common.Lifecycle;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of the RocketMQ remoting protocol: sends requests to "host:port" addresses over one cached
 * connection per address (opened on demand, reopened after it closes) and answers the requests servers
 * send back on those connections with the processors registered here.
 *
 * <p>Connect timeout {@value #CONNECT_TIMEOUT_MILLIS} ms (counted against a call's timeout), max frame
 * {@value #MAX_FRAME_LENGTH} bytes, idle connections closed after {@value #IDLE_SECONDS} s; no frame read timeout
 * and no inbound buffer budget (unlike {@link RemotingServer}: the peers are servers this client chose). Opaques come
 * from one counter per client. Deadlines run on the connection's event loop; there is no thread per call.
 * Futures of async calls complete on an I/O thread: chain with {@code *Async} methods to do slow work.
 * {@link #start()} is optional: the first call starts the client.
 *
 * <p>Thread-safe: connections are kept in a concurrent map of connect futures; all methods may be called
 * from any thread.
 */
public final class RemotingClient implements Lifecycle {

    public static final int CONNECT_TIMEOUT_MILLIS = 3000;
    public static final int MAX_FRAME_LENGTH = 16 * 1024 * 1024;
    public static final int IDLE_SECONDS = 120;
    private static final Logger LOG = LoggerFactory.getLogger(RemotingClient.class);

    private final String name;
    private final RequestDispatcher dispatcher = new RequestDispatcher();
    private final List<ChannelEventListener> listeners = new CopyOnWriteArrayList<>();
    private final ConnectionHandler connectionHandler;
    private final Map<String, CompletableFuture<NettyRemoteChannel>> connections = new ConcurrentHashMap<>();
    private EventLoopGroup group;
    private Bootstrap bootstrap;
    private boolean closed;

    public RemotingClient(String name) {
        this.name = name;
        this.connectionHandler = new ConnectionHandler(name, dispatcher, listeners, new AtomicInteger());
    }

    /** Answers requests with {@code code} that a server sends to this client, on {@code executor}. */
    public void registerProcessor(int code, RequestProcessor processor, Executor executor) {
        dispatcher.register(code, processor, executor);
    }

    public void addListener(ChannelEventListener listener) {
        listeners.add(listener);
    }

    @Override
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("remoting client " + name + " is closed");
        }
        if (bootstrap != null) {
            return;
        }
        group = NettyTransport.newGroup(1, name + "-io");
        bootstrap = new Bootstrap()
                .group(group)
                .channel(NettyTransport.channelType())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new IdleStateHandler(0, 0, IDLE_SECONDS),
                                new FrameDecoder(name, MAX_FRAME_LENGTH, 0, InboundBudget.UNLIMITED),
                                connectionHandler);
                    }
                });
    }

    /**
     * Sends {@code request} and waits for its response.
     *
     * @throws RemotingException on connect failure, send failure, timeout or a closed connection
     */
    public RemotingCommand invokeSync(String addr, RemotingCommand request, long timeoutMillis)
            throws RemotingException, InterruptedException {
        CompletableFuture<RemotingCommand> response = invokeAsync(addr, request, timeoutMillis);
        try {
            return response.get(timeoutMillis + CONNECT_TIMEOUT_MILLIS + 1000L, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw asRemotingException(e.getCause(), addr);
        } catch (TimeoutException e) {
            throw new RemotingException(RemotingException.Kind.TIMEOUT,
                    "request code " + request.code() + " to " + addr + " not answered within " + timeoutMillis + " ms");
        }
    }

    /** Sends {@code request}; the future completes with the response or fails with a {@link RemotingException}. */
    public CompletableFuture<RemotingCommand> invokeAsync(String addr, RemotingCommand request, long timeoutMillis) {
        long startNanos = System.nanoTime();
        CompletableFuture<RemotingCommand> result = new CompletableFuture<>();
        channelFor(addr).whenComplete((channel, connectFailure) -> {
            if (connectFailure != null) {
                ReferenceCountUtil.release(request.bodyRegion());
                result.completeExceptionally(asRemotingException(connectFailure, addr));
                return;
            }
            long left = timeoutMillis - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
            if (left <= 0) {
                ReferenceCountUtil.release(request.bodyRegion());
                result.completeExceptionally(new RemotingException(RemotingException.Kind.TIMEOUT,
                        "connecting to " + addr + " used up the " + timeoutMillis + " ms timeout"));
                return;
            }
            channel.invoke(request, left).whenComplete((response, failure) -> {
                if (failure != null) {
                    result.completeExceptionally(asRemotingException(failure, addr));
                } else {
                    result.complete(response);
                }
            });
        });
        return result;
    }

    /** Sends {@code request} as oneway (flag bit 1 set); no response is expected. Waits only for the connection. */
    public void invokeOneway(String addr, RemotingCommand request) throws RemotingException {
        NettyRemoteChannel channel;
        try {
            channel = channelFor(addr).get(CONNECT_TIMEOUT_MILLIS + 1000L, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            ReferenceCountUtil.release(request.bodyRegion());
            throw asRemotingException(e.getCause(), addr);
        } catch (TimeoutException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            ReferenceCountUtil.release(request.bodyRegion());
            throw new RemotingException(RemotingException.Kind.CONNECT_FAILED,
                    "connecting to " + addr + " failed: " + e, e);
        }
        if (!channel.isActive()) {
            ReferenceCountUtil.release(request.bodyRegion());
            throw new RemotingException(RemotingException.Kind.CHANNEL_CLOSED, "connection to " + addr + " is closed");
        }
        channel.invokeOneway(request);
    }

    /** Closes the cached connection to {@code addr}, if any; the next call reconnects. */
    public void closeChannel(String addr) {
        CompletableFuture<NettyRemoteChannel> connection = connections.remove(addr);
        if (connection != null) {
            connection.thenAccept(NettyRemoteChannel::close);
        }
    }

    /** Closes every connection and stops the I/O thread. Safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (String addr : connections.keySet()) {
            closeChannel(addr);
        }
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private CompletableFuture<NettyRemoteChannel> channelFor(String addr) {
        CompletableFuture<NettyRemoteChannel> current = connections.get(addr);
        if (current != null && usable(current)) {
            return current;
        }
        HostAndPort endpoint = HostAndPort.parse(addr);
        Bootstrap started = startedBootstrap();
        CompletableFuture<NettyRemoteChannel> fresh = new CompletableFuture<>();
        CompletableFuture<NettyRemoteChannel> winner =
                connections.compute(addr, (key, existing) -> existing != null && usable(existing) ? existing : fresh);
        if (winner == fresh) {
            connect(started, addr, endpoint, fresh);
        }
        return winner;
    }

    private synchronized Bootstrap startedBootstrap() {
        if (closed) {
            throw new IllegalStateException("remoting client " + name + " is closed");
        }
        start();
        return bootstrap;
    }

    private static boolean usable(CompletableFuture<NettyRemoteChannel> connection) {
        if (!connection.isDone()) {
            return true;
        }
        return !connection.isCompletedExceptionally() && connection.join().isActive();
    }

    private void connect(Bootstrap started, String addr, HostAndPort endpoint,
                         CompletableFuture<NettyRemoteChannel> target) {
        ChannelFuture connecting = started.connect(endpoint.host(), endpoint.port());
        connecting.addListener(done -> {
            if (!done.isSuccess()) {
                connections.remove(addr, target);
                target.completeExceptionally(new RemotingException(RemotingException.Kind.CONNECT_FAILED,
                        "connecting to " + addr + " failed: " + done.cause(), done.cause()));
                return;
            }
            NettyRemoteChannel channel = connectionHandler.remoteChannel(connecting.channel());
            connecting.channel().closeFuture().addListener(closedFuture -> connections.remove(addr, target));
            LOG.debug("{}: connected to {}", name, addr);
            target.complete(channel);
        });
    }

    private static RemotingException asRemotingException(Throwable failure, String addr) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RemotingException remoting) {
            return remoting;
        }
        return new RemotingException(RemotingException.Kind.SEND_FAILED,
                "call to " + addr + " failed: " + cause, cause);
    }
}
