package io.apogee.common.message;

/**
 * Upper-case hexadecimal digits of the message id formats ({@link OffsetMsgId}, {@link UniqKeyGenerator}).
 *
 * <p>Stateless, hence thread-safe.
 */
final class Hex {

    private static final char[] DIGITS = "0123456789ABCDEF".toCharArray();

    private Hex() {
    }

    /** Writes the {@code digits} lowest hex digits of {@code value} into {@code out} at {@code at}. */
    static void write(char[] out, int at, long value, int digits) {
        long rest = value;
        for (int i = digits - 1; i >= 0; i--) {
            out[at + i] = DIGITS[(int) (rest & 0xF)];
            rest >>>= 4;
        }
    }

    /** Writes {@code bytes} as two hex digits each into {@code out} at {@code at}. */
    static void write(char[] out, int at, byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            write(out, at + 2 * i, bytes[i] & 0xFF, 2);
        }
    }
}
