package io.apogee.remoting;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts the inbound byte stream into frames and decodes each into a {@link RemotingCommand} with
 * {@link FrameCodec}. The length field is checked as soon as it arrives: a frame whose length plus 4
 * exceeds {@code maxFrameLength}, or whose length is below 4 (negative included), is rejected before its
 * bytes are buffered. A frame whose first byte arrived must be complete within the frame read timeout (a peer
 * that trickles bytes is never idle, so only this catches a frame that never ends); the clock starts when a
 * read leaves part of a new frame behind, and one timer per connection at most is pending. After every read the
 * bytes of the partial frame are reported to the server's {@link InboundBudget}, which may close this or another
 * connection. On any bad frame the connection is closed after one WARN line naming the peer and the reason;
 * everything the peer sends afterwards is discarded.
 *
 * <p>Not thread-safe, nor shareable: one instance per connection, used only on its event loop (the timeout check
 * runs there too).
 */
final class FrameDecoder extends ByteToMessageDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(FrameDecoder.class);
    private static final int MIN_LENGTH = 4;

    private final String endpointName;
    private final int maxFrameLength;
    private final long readTimeoutNanos;
    private final InboundBudget budget;
    private InboundBudget.Account account;
    private boolean rejected;
    private long framesDecoded;
    /** Frames decoded when the current partial frame began; -1 while no partial frame is held. */
    private long partialAfterFrames = -1;
    private long partialSinceNanos;
    private Future<?> stallCheck;

    /**
     * @param readTimeoutSeconds seconds a frame may take from its first to its last byte; 0 waits forever
     * @param budget             the server's budget for partial frames ({@link InboundBudget#UNLIMITED} for none)
     */
    FrameDecoder(String endpointName, int maxFrameLength, int readTimeoutSeconds, InboundBudget budget) {
        this.endpointName = endpointName;
        this.maxFrameLength = maxFrameLength;
        this.readTimeoutNanos = TimeUnit.SECONDS.toNanos(readTimeoutSeconds);
        this.budget = budget;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        account = budget.open(ctx.channel());
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        account.close();
        if (stallCheck != null) {
            stallCheck.cancel(false);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        super.channelRead(ctx, msg);
        if (!rejected) {
            afterRead(ctx);
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (rejected || account.closed()) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < 4) {
            return;
        }
        int length = in.getInt(in.readerIndex());
        String problem = lengthProblem(length);
        if (problem != null) {
            reject(ctx, problem);
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() - 4 < length) {
            return;
        }
        ByteBuf frame = in.readSlice(length + 4);
        framesDecoded++;
        try {
            out.add(FrameCodec.decode(frame));
        } catch (MalformedFrameException e) {
            reject(ctx, e.getMessage());
            in.skipBytes(in.readableBytes());
        }
    }

    /** Why a length field is unacceptable, or null when it is fine. */
    private String lengthProblem(int length) {
        if (length < MIN_LENGTH) {
            return "frame length " + length + " is below the minimum of " + MIN_LENGTH;
        }
        if ((long) length + 4 > maxFrameLength) {
            return "frame length " + length + " (+4) exceeds the maximum frame length of " + maxFrameLength;
        }
        return null;
    }

    /** Accounts the partial frame left after a read and starts its clock if it is a new one. */
    private void afterRead(ChannelHandlerContext ctx) {
        int held = actualReadableBytes();
        account.hold(held);
        if (held == 0) {
            partialAfterFrames = -1;
            return;
        }
        if (partialAfterFrames != framesDecoded) {
            partialAfterFrames = framesDecoded;
            partialSinceNanos = System.nanoTime();
        }
        if (readTimeoutNanos > 0 && stallCheck == null) {
            scheduleStallCheck(ctx, readTimeoutNanos);
        }
    }

    private void scheduleStallCheck(ChannelHandlerContext ctx, long delayNanos) {
        stallCheck = ctx.executor().schedule(() -> checkStall(ctx), delayNanos, TimeUnit.NANOSECONDS);
    }

    /** Closes the connection when its partial frame is older than the timeout, or checks again when it will be. */
    private void checkStall(ChannelHandlerContext ctx) {
        stallCheck = null;
        if (rejected || partialAfterFrames < 0 || !ctx.channel().isActive()) {
            return;
        }
        long waited = System.nanoTime() - partialSinceNanos;
        if (waited < readTimeoutNanos) {
            scheduleStallCheck(ctx, readTimeoutNanos - waited);
            return;
        }
        ByteBuf partial = internalBuffer();
        String expected = partial.readableBytes() >= 4
                ? "of a frame of " + (4L + partial.getInt(partial.readerIndex())) + " bytes "
                : "of a frame ";
        reject(ctx, "frame incomplete after " + TimeUnit.NANOSECONDS.toSeconds(waited) + " s: only "
                + partial.readableBytes() + " bytes " + expected + "received within the frame read timeout of "
                + TimeUnit.NANOSECONDS.toSeconds(readTimeoutNanos) + " s");
    }

    /** Logs one WARN line and closes the connection; what the peer still sends is discarded. */
    private void reject(ChannelHandlerContext ctx, String reason) {
        rejected = true;
        account.close();
        LOG.warn("{}: closing connection from {}: {}", endpointName,
                NettyRemoteChannel.format(ctx.channel().remoteAddress()), reason);
        ctx.close();
    }
}
