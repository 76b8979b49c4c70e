package io.apogee.broker.send;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Generates UNIQ_KEY values for messages whose producer did not set one, in the client's layout (09 §6.1):
 * uppercase hex of IPv4 (4 bytes) + process id (2) + random instance id (4) + milliseconds since start (4) +
 * counter (2) = 32 characters.
 *
 * <p>Thread-safe: the prefix is immutable and the counter atomic.
 */
final class UniqKeyGenerator {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final char[] prefix;
    private final long startMillis = System.currentTimeMillis();
    private final AtomicInteger counter = new AtomicInteger();

    UniqKeyGenerator(byte[] ip) {
        byte[] p = new byte[10];
        System.arraycopy(ip, 0, p, 0, Math.min(4, ip.length));
        long pid = ProcessHandle.current().pid();
        p[4] = (byte) (pid >>> 8);
        p[5] = (byte) pid;
        int instance = ThreadLocalRandom.current().nextInt();
        for (int i = 0; i < 4; i++) {
            p[6 + i] = (byte) (instance >>> (24 - 8 * i));
        }
        prefix = new char[20];
        for (int i = 0; i < p.length; i++) {
            prefix[2 * i] = HEX[(p[i] >> 4) & 0xF];
            prefix[2 * i + 1] = HEX[p[i] & 0xF];
        }
    }

    String next() {
        char[] id = new char[32];
        System.arraycopy(prefix, 0, id, 0, 20);
        writeHex(id, 20, (int) (System.currentTimeMillis() - startMillis), 8);
        writeHex(id, 28, counter.getAndIncrement(), 4);
        return new String(id);
    }

    private static void writeHex(char[] out, int at, long value, int digits) {
        for (int i = digits - 1; i >= 0; i--) {
            out[at + i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
    }
}
