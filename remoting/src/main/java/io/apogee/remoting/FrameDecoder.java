package io.apogee.remoting;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts the inbound byte stream into frames and decodes each into a {@link RemotingCommand} with
 * {@link FrameCodec}. The length field is checked as soon as it arrives: a frame whose length plus 4
 * exceeds {@code maxFrameLength}, or whose length is below 4 (negative included), is rejected before its
 * bytes are buffered. On any bad frame the connection is closed after one WARN line naming the peer and
 * the reason; everything the peer sends afterwards is discarded.
 *
 * <p>Not thread-safe, nor shareable: one instance per connection, used only on its event loop.
 */
final class FrameDecoder extends ByteToMessageDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(FrameDecoder.class);
    private static final int MIN_LENGTH = 4;

    private final int maxFrameLength;
    private final String endpointName;
    private boolean rejected;

    FrameDecoder(int maxFrameLength, String endpointName) {
        this.maxFrameLength = maxFrameLength;
        this.endpointName = endpointName;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (rejected) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < 4) {
            return;
        }
        int length = in.getInt(in.readerIndex());
        String problem = lengthProblem(length);
        if (problem != null) {
            reject(ctx, in, problem);
            return;
        }
        if (in.readableBytes() - 4 < length) {
            return;
        }
        ByteBuf frame = in.readSlice(length + 4);
        try {
            out.add(FrameCodec.decode(frame));
        } catch (MalformedFrameException e) {
            reject(ctx, in, e.getMessage());
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

    private void reject(ChannelHandlerContext ctx, ByteBuf in, String reason) {
        rejected = true;
        in.skipBytes(in.readableBytes());
        LOG.warn("{}: closing connection from {}: {}", endpointName,
                NettyRemoteChannel.format(ctx.channel().remoteAddress()), reason);
        ctx.close();
    }
}
