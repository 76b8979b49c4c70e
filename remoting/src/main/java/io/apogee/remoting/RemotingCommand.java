package io.apogee.remoting;

import io.netty.buffer.ByteBuf;
import java.util.HashMap;
import java.util.Map;

/**
 * One request or response of the RocketMQ remoting protocol.
 *
 * <p>Wire form (all integers big-endian), written and read by {@link FrameCodec}:
 * <pre>
 *   int32  L            length of everything after this field = 4 + H + B
 *   int32  header word  bits 31..24 serialization type (0 JSON, 1 ROCKETMQ), bits 23..0 header length H
 *   H      header       {@link SerializeType#JSON} text or the compact {@link SerializeType#ROCKETMQ} form
 *   B      body         opaque bytes, may be empty (then {@link #body()} is null)
 * </pre>
 * The header carries {@code code}, {@code language}, {@code version}, {@code opaque} (request id echoed by
 * the response), {@code flag} (bit 0 response, bit 1 oneway), {@code remark} and {@code extFields}
 * (string to string). See docs/protocol/01-framing.md §2.
 *
 * <p>A response is sent in the serialization its request used. A body may be given either as bytes or as
 * a {@link ByteBuf} region (for example slices of mapped commit-log files) that the encoder writes without
 * copying and then releases.
 *
 * <p>Not thread-safe: a command is built by one thread and handed over to another through Netty's
 * channel write, which publishes it safely.
 */
public final class RemotingCommand {

    /** Flag bit 0: this frame is a response. */
    public static final int FLAG_RESPONSE = 0x1;
    /** Flag bit 1: this request expects no response. */
    public static final int FLAG_ONEWAY = 0x2;
    /**
     * The version ordinal Apogee puts in every header: that of RocketMQ 5.4.0 (clients store it as the broker
     * version).
     */
    public static final int APOGEE_VERSION = 493;

    private int code;
    private LanguageCode language = LanguageCode.JAVA;
    private int version = APOGEE_VERSION;
    private int opaque;
    private int flag;
    private String remark;
    private Map<String, String> extFields;
    private byte[] body;
    private ByteBuf bodyRegion;
    private SerializeType serializeType = SerializeType.JSON;
    private long receivedNanos;

    public RemotingCommand() {
    }

    /** {@link System#nanoTime()} when a server decoded this request; 0 for commands not received by a server. */
    public long receivedNanos() {
        return receivedNanos;
    }

    /** Stamps the moment a server decoded this request ({@link RequestTimer}). */
    void receivedNanos(long nanos) {
        this.receivedNanos = nanos;
    }

    /** A new request with the given code. The opaque is assigned when it is sent. */
    public static RemotingCommand request(int code) {
        RemotingCommand cmd = new RemotingCommand();
        cmd.code = code;
        return cmd;
    }

    /**
     * A response with the given code and remark (the remark may be null). Opaque and serialization are set on
     * reply.
     */
    public static RemotingCommand response(int code, String remark) {
        RemotingCommand cmd = new RemotingCommand();
        cmd.code = code;
        cmd.remark = remark;
        cmd.flag = FLAG_RESPONSE;
        return cmd;
    }

    /** A SUCCESS response without remark. */
    public static RemotingCommand success() {
        return response(ResponseCode.SUCCESS, null);
    }

    public int code() {
        return code;
    }

    public RemotingCommand code(int code) {
        this.code = code;
        return this;
    }

    public LanguageCode language() {
        return language;
    }

    public RemotingCommand language(LanguageCode language) {
        this.language = language;
        return this;
    }

    public int version() {
        return version;
    }

    public RemotingCommand version(int version) {
        this.version = version;
        return this;
    }

    public int opaque() {
        return opaque;
    }

    public RemotingCommand opaque(int opaque) {
        this.opaque = opaque;
        return this;
    }

    public int flag() {
        return flag;
    }

    public RemotingCommand flag(int flag) {
        this.flag = flag;
        return this;
    }

    public boolean isResponse() {
        return (flag & FLAG_RESPONSE) != 0;
    }

    public boolean isOneway() {
        return (flag & FLAG_ONEWAY) != 0;
    }

    public RemotingCommand markResponse() {
        flag |= FLAG_RESPONSE;
        return this;
    }

    public RemotingCommand markOneway() {
        flag |= FLAG_ONEWAY;
        return this;
    }

    public String remark() {
        return remark;
    }

    public RemotingCommand remark(String remark) {
        this.remark = remark;
        return this;
    }

    public SerializeType serializeType() {
        return serializeType;
    }

    public RemotingCommand serializeType(SerializeType serializeType) {
        this.serializeType = serializeType;
        return this;
    }

    /** The ext fields, or null when there are none. */
    public Map<String, String> extFields() {
        return extFields;
    }

    public RemotingCommand extFields(Map<String, String> extFields) {
        this.extFields = extFields;
        return this;
    }

    /** Sets ext field {@code key} to {@code String.valueOf(value)}; a null value removes the key. */
    public RemotingCommand putExt(String key, Object value) {
        if (value == null) {
            if (extFields != null) {
                extFields.remove(key);
            }
            return this;
        }
        if (extFields == null) {
            extFields = new HashMap<>();
        }
        extFields.put(key, String.valueOf(value));
        return this;
    }

    /** The ext field's value, or null when absent. */
    public String ext(String key) {
        return extFields == null ? null : extFields.get(key);
    }

    /** The ext field's value; a missing or empty field is a {@link MissingHeaderException}. */
    public String requireExt(String key) {
        String value = ext(key);
        if (value == null || value.isEmpty()) {
            throw new MissingHeaderException(code, key, null);
        }
        return value;
    }

    public int requireExtInt(String key) {
        return parseInt(key, requireExt(key));
    }

    public long requireExtLong(String key) {
        return parseLong(key, requireExt(key));
    }

    public int extInt(String key, int defaultValue) {
        String value = ext(key);
        return value == null || value.isEmpty() ? defaultValue : parseInt(key, value);
    }

    public long extLong(String key, long defaultValue) {
        String value = ext(key);
        return value == null || value.isEmpty() ? defaultValue : parseLong(key, value);
    }

    public boolean extBool(String key, boolean defaultValue) {
        String value = ext(key);
        return value == null || value.isEmpty() ? defaultValue : Boolean.parseBoolean(value.trim());
    }

    private int parseInt(String key, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new MissingHeaderException(code, key, value);
        }
    }

    private long parseLong(String key, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new MissingHeaderException(code, key, value);
        }
    }

    /** The body bytes, or null when the frame had no body or the body is a {@link #bodyRegion()}. */
    public byte[] body() {
        return body;
    }

    public RemotingCommand body(byte[] body) {
        this.body = body;
        return this;
    }

    /** A body held as a buffer region (released by the encoder after writing), or null. */
    public ByteBuf bodyRegion() {
        return bodyRegion;
    }

    public RemotingCommand bodyRegion(ByteBuf bodyRegion) {
        this.bodyRegion = bodyRegion;
        return this;
    }

    /** Body length in bytes, whichever way the body is held. */
    public int bodyLength() {
        if (bodyRegion != null) {
            return bodyRegion.readableBytes();
        }
        return body == null ? 0 : body.length;
    }

    @Override
    public String toString() {
        return "RemotingCommand[code=" + code + ", opaque=" + opaque + ", flag=" + flag
                + ", remark=" + remark + ", ext=" + extFields + ", body=" + bodyLength() + "B]";
    }
}
