package io.apogee.remoting;

/** Header serialization, carried in the high byte of a frame's header word. */
public enum SerializeType {
    /** UTF-8 JSON object header (the default of every Java client). */
    JSON((byte) 0),
    /** Compact binary header, see docs/protocol/01-framing.md §3. */
    ROCKETMQ((byte) 1);

    private final byte code;

    SerializeType(byte code) {
        this.code = code;
    }

    public byte code() {
        return code;
    }

    /** The type for a header-word byte, or null when the byte names no known serialization. */
    public static SerializeType of(byte code) {
        return switch (code) {
            case 0 -> JSON;
            case 1 -> ROCKETMQ;
            default -> null;
        };
    }
}
