package io.apogee.bench;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Message bodies of the load tool. Layout (big-endian), padded with {@code 'x'} to the body size:
 * <pre>
 * offset  size  field
 *   0      8    seq        sequence number of the message within the run
 *   8      8    sentNanos  System.nanoTime() of the sending JVM when the send began
 *  16      1    measured   1 if the send began inside the measured window, else 0
 * </pre>
 * Bodies shorter than 17 bytes are rejected. End-to-end latency uses {@code sentNanos} rather than the
 * message's millisecond born timestamp: producer and consumer run in the same JVM, so the nanosecond clock
 * is shared and sub-millisecond latencies stay visible.
 *
 * <p>Thread-safe: stateless.
 */
final class Payload {

    static final int HEADER = 17;

    private Payload() {
    }

    static byte[] filler(int size) {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) 'x');
        return body;
    }

    static byte[] create(int size, long seq, long sentNanos, boolean measured) {
        if (size < HEADER) {
            throw new IllegalArgumentException("--body-size " + size + ": this scenario needs at least " + HEADER);
        }
        byte[] body = filler(size);
        ByteBuffer.wrap(body).putLong(seq).putLong(sentNanos).put((byte) (measured ? 1 : 0));
        return body;
    }

    static long seq(byte[] body) {
        return ByteBuffer.wrap(body).getLong(0);
    }

    static long sentNanos(byte[] body) {
        return ByteBuffer.wrap(body).getLong(8);
    }

    static boolean measured(byte[] body) {
        return body[16] == 1;
    }
}
