package io.apogee.remoting;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link RemoteChannel} of one Netty connection, used by both {@link RemotingServer} and
 * {@link RemotingClient}. Commands are encoded into frames on the calling thread and handed to Netty as
 * buffers, so a frame is written whole even when several threads send at once, and a body region is
 * released whatever happens to the write.
 *
 * <p>Thread-safe: Netty channels accept writes from any thread; opaques come from an atomic counter
 * shared by the endpoint; waiting requests live in a {@link PendingResponses}.
 */
final class NettyRemoteChannel implements RemoteChannel {

    private static final Logger LOG = LoggerFactory.getLogger(NettyRemoteChannel.class);

    private final Channel channel;
    private final AtomicInteger opaques;
    private final String remoteAddress;
    private final PendingResponses pending;
    private final ConnectionHandler handler;

    NettyRemoteChannel(Channel channel, AtomicInteger opaques, ConnectionHandler handler) {
        this.channel = channel;
        this.opaques = opaques;
        this.handler = handler;
        this.remoteAddress = format(channel.remoteAddress());
        this.pending = new PendingResponses(remoteAddress);
    }

    /** "ip:port" of a socket address; the address's own text for other kinds or "unknown" for null. */
    static String format(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            String host = inet.getAddress() == null ? inet.getHostString() : inet.getAddress().getHostAddress();
            return host + ":" + inet.getPort();
        }
        return address == null ? "unknown" : address.toString();
    }

    Channel nettyChannel() {
        return channel;
    }

    PendingResponses pending() {
        return pending;
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public InetSocketAddress remoteSocketAddress() {
        return (InetSocketAddress) channel.remoteAddress();
    }

    @Override
    public InetSocketAddress localSocketAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public boolean isActive() {
        return channel.isActive();
    }

    @Override
    public void reply(RemotingCommand request, RemotingCommand response) {
        if (request.isOneway() || !channel.isActive()) {
            ReferenceCountUtil.release(response.bodyRegion());
            return;
        }
        response.opaque(request.opaque()).markResponse().serializeType(request.serializeType());
        long received = request.receivedNanos();
        if (received != 0) {
            handler.timer().answered(request.code(), response.code(), System.nanoTime() - received);
        }
        send(response).addListener(write -> {
            if (!write.isSuccess()) {
                LOG.debug("reply to request code {} from {} not sent: {}", request.code(), remoteAddress,
                        write.cause().toString());
            }
        });
    }

    @Override
    public void invokeOneway(RemotingCommand request) {
        request.markOneway().opaque(opaques.getAndIncrement());
        send(request);
    }

    @Override
    public CompletableFuture<RemotingCommand> invoke(RemotingCommand request, long timeoutMillis) {
        if (!channel.isActive()) {
            ReferenceCountUtil.release(request.bodyRegion());
            return CompletableFuture.failedFuture(new RemotingException(RemotingException.Kind.CHANNEL_CLOSED,
                    "connection to " + remoteAddress + " is closed"));
        }
        int opaque = opaques.getAndIncrement();
        request.opaque(opaque);
        CompletableFuture<RemotingCommand> response =
                pending.register(opaque, request.code(), timeoutMillis, channel.eventLoop());
        send(request).addListener(write -> {
            if (!write.isSuccess()) {
                pending.fail(opaque, sendFailure(request, write.cause()));
            }
        });
        return response;
    }

    @Override
    public void close() {
        channel.close();
    }

    /** Called once the connection is closed: fails every request still waiting for an answer. */
    void onClosed() {
        pending.failAllClosed();
    }

    private ChannelFuture send(RemotingCommand command) {
        ByteBuf frame;
        try {
            frame = FrameCodec.encode(command, channel.alloc());
        } catch (RuntimeException e) {
            LOG.error("cannot encode {} for {}", command, remoteAddress, e);
            return channel.newFailedFuture(e);
        }
        return channel.writeAndFlush(frame);
    }

    private RemotingException sendFailure(RemotingCommand request, Throwable cause) {
        String message = "sending request code " + request.code() + " to " + remoteAddress + " failed: " + cause;
        return cause instanceof ClosedChannelException
                ? new RemotingException(RemotingException.Kind.CHANNEL_CLOSED, message, cause)
                : new RemotingException(RemotingException.Kind.SEND_FAILED, message, cause);
    }

    @Override
    public String toString() {
        return "RemoteChannel[" + remoteAddress + (channel.isActive() ? "" : ", closed") + "]";
    }
}
