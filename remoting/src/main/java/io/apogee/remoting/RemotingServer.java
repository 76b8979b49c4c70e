package io.apogee.remoting;

import io.apogee.common.ExecutorStop;
import io.apogee.common.Lifecycle;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP server speaking the RocketMQ remoting protocol (Netty; epoll where available).
 *
 * <p>Each connection's pipeline: idle detector → {@link FrameDecoder} → {@link ConnectionHandler}. Requests
 * are read on {@link ServerSettings#effectiveSelectorThreads()} I/O threads and go to the
 * {@link RequestProcessor} registered for their code, run on its executor (or on the default
 * worker pool of {@link ServerSettings#workerThreads()} threads, whose queue holds
 * {@link ServerSettings#workerQueue()} requests before it answers SYSTEM_BUSY). Responses go back in the
 * serialization of their request. Malformed frames close only the offending connection; so does a frame not
 * complete within {@link ServerSettings.InboundLimits#frameReadTimeoutSeconds()}, and, when all connections
 * together hold more than {@link ServerSettings.InboundLimits#bufferBudget()} bytes of partial frames, the
 * connection holding the most ({@link InboundBudget}). Connections idle for {@link ServerSettings#idleSeconds()}
 * are closed. Requests this server sends to its clients through a
 * {@link RemoteChannel} are answered on the same connection and fail with
 * {@link RemotingException.Kind#CHANNEL_CLOSED} if it closes first.
 *
 * <p>Thread-safe: processors and listeners may be registered from any thread at any time (before
 * {@link #start()} is best, so that no request misses them).
 */
public final class RemotingServer implements Lifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(RemotingServer.class);

    private final ServerSettings settings;
    private final RequestDispatcher dispatcher = new RequestDispatcher();
    private final List<ChannelEventListener> listeners = new CopyOnWriteArrayList<>();
    private final ConnectionHandler connectionHandler;
    private final ThreadPoolExecutor defaultExecutor;
    private final InboundBudget inboundBudget;
    private EventLoopGroup bossGroup;
    private EventLoopGroup ioGroup;
    private volatile Channel serverChannel;
    /** The bootstrap of {@link #start()}, kept to bind {@link #listenAlso} ports; guarded by this object. */
    private ServerBootstrap bootstrap;
    /** Channels of the extra ports; guarded by this object. */
    private final List<Channel> extraChannels = new ArrayList<>();
    private volatile int port = -1;
    private boolean closed;

    public RemotingServer(ServerSettings settings) {
        this.settings = settings;
        this.connectionHandler = new ConnectionHandler(settings.name(), dispatcher, listeners, new AtomicInteger());
        this.defaultExecutor = new ThreadPoolExecutor(settings.workerThreads(), settings.workerThreads(),
                60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(settings.workerQueue()),
                new DefaultThreadFactory(settings.name() + "-worker"));
        this.inboundBudget = new InboundBudget(settings.name(), settings.inbound().bufferBudget());
    }

    /** Tells {@code timer} how long every request answered from now on took ({@link RequestTimer}). */
    public void requestTimer(RequestTimer timer) {
        connectionHandler.timer(timer);
    }

    /** Runs requests with {@code code} on {@code processor}, on {@code executor}. Replaces an earlier registration. */
    public void registerProcessor(int code, RequestProcessor processor, Executor executor) {
        dispatcher.register(code, processor, executor);
    }

    /** Runs requests with {@code code} on {@code processor}, on the server's default worker pool. */
    public void registerProcessor(int code, RequestProcessor processor) {
        dispatcher.register(code, processor, defaultExecutor);
    }

    public void addListener(ChannelEventListener listener) {
        listeners.add(listener);
    }

    /** Binds the port and starts accepting connections. */
    @Override
    public synchronized void start() {
        if (closed || serverChannel != null) {
            throw new IllegalStateException(settings.name() + " server already " + (closed ? "closed" : "started"));
        }
        bossGroup = NettyTransport.newGroup(1, settings.name() + "-accept");
        ioGroup = NettyTransport.newGroup(settings.effectiveSelectorThreads(), settings.name() + "-io");
        bootstrap = new ServerBootstrap()
                .group(bossGroup, ioGroup)
                .channel(NettyTransport.serverChannelType())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        initPipeline(channel.pipeline());
                    }
                });
        ChannelFuture bind = bootstrap.bind(settings.bindAddress(), settings.port()).awaitUninterruptibly();
        if (!bind.isSuccess()) {
            close();
            throw new IllegalStateException(settings.name() + " cannot listen on " + settings.bindAddress() + ":"
                    + settings.port() + ": " + bind.cause(), bind.cause());
        }
        serverChannel = bind.channel();
        port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
        LOG.info("{} listening on {}:{} ({}, {} I/O threads, {} workers)", settings.name(), settings.bindAddress(),
                port, NettyTransport.EPOLL ? "epoll" : "nio", settings.effectiveSelectorThreads(),
                settings.workerThreads());
    }

    /**
     * Also accepts connections on {@code port} (same processors, threads and limits as the main port): a broker's
     * "fast" port, {@code listenPort - 2}, where Apache slaves fetch their master's topics. After {@link #start()}.
     *
     * @throws IllegalStateException naming the port when it cannot be bound
     */
    public synchronized void listenAlso(int port) {
        if (bootstrap == null || closed) {
            throw new IllegalStateException(settings.name() + " server is not running");
        }
        ChannelFuture bind = bootstrap.bind(settings.bindAddress(), port).awaitUninterruptibly();
        if (!bind.isSuccess()) {
            throw new IllegalStateException(settings.name() + " cannot also listen on " + settings.bindAddress() + ":"
                    + port + ": " + bind.cause(), bind.cause());
        }
        extraChannels.add(bind.channel());
        LOG.info("{} also listening on {}:{}", settings.name(), settings.bindAddress(), port);
    }

    private void initPipeline(ChannelPipeline pipeline) {
        // responses written while a read batch is being handled go out in one syscall at read-complete
        pipeline.addLast(new FlushConsolidationHandler(FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES,
                true));
        if (settings.idleSeconds() > 0) {
            pipeline.addLast(new IdleStateHandler(0, 0, settings.idleSeconds()));
        }
        ServerSettings.InboundLimits inbound = settings.inbound();
        pipeline.addLast(new FrameDecoder(settings.name(), inbound.maxFrameLength(), inbound.frameReadTimeoutSeconds(),
                inboundBudget));
        pipeline.addLast(connectionHandler);
    }

    /** Bytes that all connections hold in partially received frames (0 when the settings set no budget). */
    long inboundBytesHeld() {
        return inboundBudget.held();
    }

    /** The bound port (the chosen one when the settings asked for port 0); -1 before {@link #start()}. */
    public int port() {
        return port;
    }

    /** Stops listening, closes every connection and stops the threads. Safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
        extraChannels.forEach(c -> c.close().syncUninterruptibly());
        shutdown(bossGroup);
        shutdown(ioGroup);
        ExecutorStop.gracefully(defaultExecutor);
        LOG.info("{} stopped", settings.name());
    }

    private static void shutdown(EventLoopGroup group) {
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
