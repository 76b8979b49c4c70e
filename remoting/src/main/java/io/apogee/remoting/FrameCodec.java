package io.apogee.remoting;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ReferenceCountUtil;

/**
 * Turns a {@link RemotingCommand} into one frame of the RocketMQ remoting protocol and back.
 *
 * <p>Frame layout, all integers big-endian (see docs/protocol/01-framing.md §1):
 * <pre>
 * offset  size  field
 *   0      4    L            length of everything after this field: 4 + H + B
 *   4      1    type         header serialization: 0 = JSON, 1 = ROCKETMQ
 *   5      3    H            header length in bytes (bits 23..0 of the int32 at offset 4)
 *   8      H    header       JSON text (UTF-8) or the compact binary form, see below
 *   8+H    B    body         B = L - 4 - H bytes; B = 0 means "no body" (decoded body is null)
 * </pre>
 *
 * <p>JSON header ({@link JsonHeaderCodec}), keys written in this order, no whitespace:
 * {@code {"code":105,"extFields":{"topic":"T"},"flag":0,"language":"JAVA","opaque":0,"remark":"..",
 * "serializeTypeCurrentRPC":"JSON","version":493}}; {@code extFields} and {@code remark} are omitted when null.
 *
 * <p>ROCKETMQ header ({@link BinaryHeaderCodec}):
 * <pre>
 *   int16 code | int8 language | int16 version | int32 opaque | int32 flag
 *   int32 R | R bytes remark (UTF-8; R = 0 means null)
 *   int32 E | E bytes of entries: int16 key length, key (UTF-8), int32 value length, value (UTF-8)
 * </pre>
 *
 * <p>A decoded command's {@link RemotingCommand#serializeType()} is the frame's type. A command carrying a
 * {@link RemotingCommand#bodyRegion()} is encoded as a composite buffer of the header and the region (no
 * copy); the frame owns the region from then on, so releasing the frame (which Netty does after writing it)
 * releases the region. If both a region and body bytes are set, the region is the body.
 *
 * <p>Thread-safe: stateless.
 */
public final class FrameCodec {

    /** Bytes before the header: the length field and the header word. */
    public static final int PREAMBLE_LENGTH = 8;
    /** Largest header length the 24-bit field can express. */
    public static final int MAX_HEADER_LENGTH = 0xFFFFFF;
    private static final int HEADER_ESTIMATE = 256;

    private FrameCodec() {
    }

    /**
     * Encodes {@code command} in its {@link RemotingCommand#serializeType()}. Takes ownership of the body
     * region, if any (released with the returned frame, or at once if encoding fails).
     *
     * @throws IllegalArgumentException when the command cannot be expressed (e.g. a code beyond int16 in a
     *                                  ROCKETMQ header, or a header over 16 MiB)
     */
    public static ByteBuf encode(RemotingCommand command, ByteBufAllocator alloc) {
        ByteBuf region = command.bodyRegion();
        byte[] body = region == null ? command.body() : null;
        ByteBuf out = null;
        try {
            out = alloc.ioBuffer(HEADER_ESTIMATE + (body == null ? 0 : body.length));
            long bodyLength = region != null ? region.readableBytes() : body == null ? 0 : body.length;
            writePreambleAndHeader(command, out, bodyLength);
            if (body != null) {
                out.writeBytes(body);
            }
            if (region == null) {
                return out;
            }
            CompositeByteBuf frame = alloc.compositeBuffer(2);
            frame.addComponents(true, out, region);
            return frame;
        } catch (RuntimeException e) {
            ReferenceCountUtil.release(out);
            ReferenceCountUtil.release(region);
            throw e;
        }
    }

    /** Writes the length field, the header word and the header of a frame whose body has {@code bodyLength}. */
    private static void writePreambleAndHeader(RemotingCommand command, ByteBuf out, long bodyLength) {
        int start = out.writerIndex();
        out.writeLong(0);
        SerializeType type = command.serializeType() == null ? SerializeType.JSON : command.serializeType();
        if (type == SerializeType.ROCKETMQ) {
            BinaryHeaderCodec.write(command, out);
        } else {
            JsonHeaderCodec.write(command, out);
        }
        int headerLength = out.writerIndex() - start - PREAMBLE_LENGTH;
        if (headerLength > MAX_HEADER_LENGTH) {
            throw new IllegalArgumentException("header of " + headerLength + " bytes exceeds the maximum of "
                    + MAX_HEADER_LENGTH);
        }
        long frameLength = 4L + headerLength + bodyLength;
        if (frameLength > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("frame of " + frameLength + " bytes is too long");
        }
        out.setInt(start, (int) frameLength);
        out.setInt(start + 4, (type.code() << 24) | headerLength);
    }

    /** Encodes {@code command} into a new byte array (the body region, if any, is copied and released). */
    public static byte[] encodeToBytes(RemotingCommand command) {
        ByteBuf frame = encode(command, UnpooledByteBufAllocator.DEFAULT);
        try {
            byte[] bytes = new byte[frame.readableBytes()];
            frame.readBytes(bytes);
            return bytes;
        } finally {
            frame.release();
        }
    }

    /**
     * Decodes one complete frame: the readable bytes of {@code frame}, starting with the length field.
     * Does not move the reader index. The body is copied into a new array. The header must fill its declared
     * length exactly (only whitespace may follow a JSON header's object).
     *
     * @throws MalformedFrameException naming the offending value when the frame is not well formed
     */
    public static RemotingCommand decode(ByteBuf frame) {
        int start = frame.readerIndex();
        int readable = frame.readableBytes();
        if (readable < PREAMBLE_LENGTH) {
            throw new MalformedFrameException("frame of " + readable + " bytes is shorter than the "
                    + PREAMBLE_LENGTH + "-byte minimum");
        }
        int length = frame.getInt(start);
        if (length != readable - 4) {
            throw new MalformedFrameException("frame length field " + length + " does not match the "
                    + (readable - 4) + " bytes that follow it");
        }
        int word = frame.getInt(start + 4);
        int typeByte = word >>> 24;
        SerializeType type = SerializeType.of((byte) typeByte);
        if (type == null) {
            throw new MalformedFrameException("unknown serialization type " + typeByte);
        }
        int headerLength = word & MAX_HEADER_LENGTH;
        if (headerLength > length - 4) {
            throw new MalformedFrameException("header length " + headerLength + " exceeds frame length "
                    + length + " minus 4");
        }
        int headerStart = start + PREAMBLE_LENGTH;
        RemotingCommand command = type == SerializeType.JSON
                ? JsonHeaderCodec.read(frame, headerStart, headerLength)
                : BinaryHeaderCodec.read(frame, headerStart, headerLength);
        command.serializeType(type);
        int bodyLength = length - 4 - headerLength;
        if (bodyLength > 0) {
            byte[] body = new byte[bodyLength];
            frame.getBytes(headerStart + headerLength, body);
            command.body(body);
        }
        return command;
    }

    /** Decodes one complete frame held in {@code frame} (length field first). */
    public static RemotingCommand decode(byte[] frame) {
        return decode(Unpooled.wrappedBuffer(frame));
    }
}
