package io.apogee.remoting;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.AttributeKey;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last inbound handler of every connection of one endpoint (server or client): routes response frames
 * to the connection's {@link PendingResponses} and request frames to the {@link RequestDispatcher}, tells
 * {@link ChannelEventListener}s about connects and closes, closes idle connections and closes a
 * connection after an unexpected exception (one log line).
 *
 * <p>Thread-safe and shared by all connections of the endpoint: per-connection state lives in the
 * {@link NettyRemoteChannel} stored as a channel attribute; the listener list is copy-on-write.
 */
@ChannelHandler.Sharable
final class ConnectionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionHandler.class);
    private static final AttributeKey<NettyRemoteChannel> REMOTE_CHANNEL =
            AttributeKey.valueOf(NettyRemoteChannel.class, "remoteChannel");

    private final String endpointName;
    private final RequestDispatcher dispatcher;
    private final List<ChannelEventListener> listeners;
    private final AtomicInteger opaques;
    private volatile RequestTimer timer = RequestTimer.NONE;

    ConnectionHandler(String endpointName, RequestDispatcher dispatcher, List<ChannelEventListener> listeners,
                      AtomicInteger opaques) {
        this.endpointName = endpointName;
        this.dispatcher = dispatcher;
        this.listeners = listeners;
        this.opaques = opaques;
    }

    /** Times every answered request from now on. */
    void timer(RequestTimer timer) {
        this.timer = timer;
    }

    RequestTimer timer() {
        return timer;
    }

    /** The connection's remote channel, created on first use. */
    NettyRemoteChannel remoteChannel(Channel channel) {
        NettyRemoteChannel existing = channel.attr(REMOTE_CHANNEL).get();
        if (existing != null) {
            return existing;
        }
        NettyRemoteChannel created = new NettyRemoteChannel(channel, opaques, this);
        NettyRemoteChannel raced = channel.attr(REMOTE_CHANNEL).setIfAbsent(created);
        return raced == null ? created : raced;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        NettyRemoteChannel channel = remoteChannel(ctx.channel());
        LOG.debug("{}: connection {} opened", endpointName, channel.remoteAddress());
        for (ChannelEventListener listener : listeners) {
            try {
                listener.onConnect(channel);
            } catch (RuntimeException e) {
                LOG.error("{}: connect listener failed for {}", endpointName, channel.remoteAddress(), e);
            }
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        NettyRemoteChannel channel = remoteChannel(ctx.channel());
        LOG.debug("{}: connection {} closed", endpointName, channel.remoteAddress());
        channel.onClosed();
        for (ChannelEventListener listener : listeners) {
            try {
                listener.onClose(channel);
            } catch (RuntimeException e) {
                LOG.error("{}: close listener failed for {}", endpointName, channel.remoteAddress(), e);
            }
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        RemotingCommand command = (RemotingCommand) msg;
        NettyRemoteChannel channel = remoteChannel(ctx.channel());
        if (!command.isResponse()) {
            if (timer != RequestTimer.NONE) {
                command.receivedNanos(System.nanoTime());
            }
            dispatcher.dispatch(channel, command);
        } else if (!channel.pending().complete(command)) {
            LOG.info("{}: dropped response code {} from {}: no request waits for opaque {}", endpointName,
                    command.code(), channel.remoteAddress(), command.opaque());
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            LOG.info("{}: closing idle connection {}", endpointName,
                    NettyRemoteChannel.format(ctx.channel().remoteAddress()));
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        String peer = NettyRemoteChannel.format(ctx.channel().remoteAddress());
        if (cause instanceof IOException) {
            LOG.debug("{}: connection {} failed: {}", endpointName, peer, cause.toString());
        } else {
            LOG.warn("{}: closing connection {} after {}", endpointName, peer, cause.toString());
        }
        ctx.close();
    }
}
