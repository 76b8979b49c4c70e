package io.apogee.it;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Topic, group and client-instance names unique within a test run, so tests never share broker state or a
 * client's MQClientInstance. Thread-safe (an atomic counter).
 */
final class UniqueName {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000, 36);

    private UniqueName() {
    }

    /** A name made of {@code prefix}, the run id and a sequence number; legal as a topic or group name. */
    static String of(String prefix) {
        return prefix + "_" + RUN + "_" + SEQUENCE.incrementAndGet();
    }
}
