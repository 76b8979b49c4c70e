package io.apogee.remoting;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The compact binary header of a frame (serialization type 1, "ROCKETMQ"), big-endian:
 * <pre>
 *   int16 code | int8 language code | int16 version | int32 opaque | int32 flag
 *   int32 R | R bytes remark, UTF-8 (R = 0: no remark)
 *   int32 E | E bytes of ext entries, each: int16 key length, key UTF-8, int32 value length, value UTF-8
 * </pre>
 * An empty remark, key or value is written as length 0 and therefore reads back as absent; entries with a
 * null or empty key or value are skipped. Lengths beyond the header's end are rejected, and so are bytes left
 * after the ext fields section: the fields must fill the declared header length exactly.
 *
 * <p>Thread-safe: stateless.
 */
final class BinaryHeaderCodec {

    private BinaryHeaderCodec() {
    }

    static void write(RemotingCommand command, ByteBuf out) {
        out.writeShort(checkedShort("code", command.code()));
        LanguageCode language = command.language() == null ? LanguageCode.JAVA : command.language();
        out.writeByte(language.code());
        out.writeShort(checkedShort("version", command.version()));
        out.writeInt(command.opaque());
        out.writeInt(command.flag());
        writeIntLengthString(out, command.remark());
        int extLengthIndex = out.writerIndex();
        out.writeInt(0);
        Map<String, String> ext = command.extFields();
        if (ext != null) {
            for (Map.Entry<String, String> entry : ext.entrySet()) {
                writeEntry(out, entry.getKey(), entry.getValue());
            }
        }
        out.setInt(extLengthIndex, out.writerIndex() - extLengthIndex - 4);
    }

    private static void writeEntry(ByteBuf out, String key, String value) {
        if (key == null || key.isEmpty() || value == null || value.isEmpty()) {
            return;
        }
        int keyLengthIndex = out.writerIndex();
        out.writeShort(0);
        int keyLength = ByteBufUtil.writeUtf8(out, key);
        out.setShort(keyLengthIndex, checkedShort("ext key length of '" + key + "'", keyLength));
        writeIntLengthString(out, value);
    }

    private static void writeIntLengthString(ByteBuf out, String text) {
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        if (text != null && !text.isEmpty()) {
            out.setInt(lengthIndex, ByteBufUtil.writeUtf8(out, text));
        }
    }

    private static int checkedShort(String what, int value) {
        if (value < Short.MIN_VALUE || value > Short.MAX_VALUE) {
            throw new IllegalArgumentException(what + " " + value + " does not fit the ROCKETMQ header's int16");
        }
        return value;
    }

    static RemotingCommand read(ByteBuf buf, int index, int length) {
        ByteBuf header = buf.slice(index, length);
        try {
            RemotingCommand command = new RemotingCommand()
                    .code(header.readShort())
                    .language(LanguageCode.of(header.readByte()))
                    .version(header.readShort())
                    .opaque(header.readInt())
                    .flag(header.readInt());
            command.remark(readString(header, header.readInt(), "remark", null));
            int extLength = header.readInt();
            checkLength(header, extLength, "ext fields section");
            if (extLength > 0) {
                command.extFields(readExtFields(header.readSlice(extLength)));
            }
            if (header.isReadable()) {
                throw new MalformedFrameException("binary header fields end at byte " + header.readerIndex()
                        + " of the declared header length " + length + ", leaving " + header.readableBytes()
                        + " trailing bytes");
            }
            return command;
        } catch (IndexOutOfBoundsException e) {
            throw new MalformedFrameException("binary header of " + length + " bytes is truncated");
        }
    }

    private static Map<String, String> readExtFields(ByteBuf entries) {
        Map<String, String> ext = new HashMap<>();
        while (entries.isReadable()) {
            String key = readString(entries, entries.readShort(), "ext key", null);
            String value = readString(entries, entries.readInt(), "ext value of ", key);
            if (key != null && value != null) {
                ext.put(key, value);
            }
        }
        return ext;
    }

    /** Reads a length-prefixed string; {@code what} + optional {@code key} name it in the error (built only then). */
    private static String readString(ByteBuf in, int length, String what, String key) {
        if (length < 0 || length > in.readableBytes()) {
            checkLength(in, length, key == null ? what : what + "'" + key + "'");
        }
        if (length == 0) {
            return null;
        }
        String text = in.toString(in.readerIndex(), length, StandardCharsets.UTF_8);
        in.skipBytes(length);
        return text;
    }

    private static void checkLength(ByteBuf in, int length, String what) {
        if (length < 0 || length > in.readableBytes()) {
            throw new MalformedFrameException(what + " length " + length + " exceeds the " + in.readableBytes()
                    + " header bytes left");
        }
    }
}
