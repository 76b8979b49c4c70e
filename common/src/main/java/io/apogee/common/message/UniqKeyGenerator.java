package io.apogee.common.message;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Generates {@link MessageProperties#UNIQ_KEY} values in the clients' layout
 * ({@code docs/protocol/09-message-format.md §6}): upper-case hex of IPv4 (4 bytes) + process id (2) + random
 * instance id (4) + milliseconds since start (4) + counter (2) = 32 characters. The broker uses it for messages
 * whose producer did not set one.
 *
 * <p>Thread-safe: the prefix is immutable and the counter atomic.
 */
public final class UniqKeyGenerator {

    private static final int PREFIX_BYTES = 10;

    private final char[] prefix = new char[PREFIX_BYTES * 2];
    private final long startMillis = System.currentTimeMillis();
    private final AtomicInteger counter = new AtomicInteger();

    /** @param ip this host's address; its first 4 bytes are used */
    public UniqKeyGenerator(byte[] ip) {
        byte[] p = new byte[PREFIX_BYTES];
        System.arraycopy(ip, 0, p, 0, Math.min(4, ip.length));
        long pid = ProcessHandle.current().pid();
        p[4] = (byte) (pid >>> 8);
        p[5] = (byte) pid;
        int instance = ThreadLocalRandom.current().nextInt();
        for (int i = 0; i < 4; i++) {
            p[6 + i] = (byte) (instance >>> (24 - 8 * i));
        }
        Hex.write(prefix, 0, p);
    }

    /** A new 32-character key. */
    public String next() {
        char[] id = new char[32];
        System.arraycopy(prefix, 0, id, 0, prefix.length);
        Hex.write(id, 20, (int) (System.currentTimeMillis() - startMillis), 8);
        Hex.write(id, 28, counter.getAndIncrement(), 4);
        return new String(id);
    }
}
