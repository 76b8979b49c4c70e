package io.apogee.it;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import static org.awaitility.Awaitility.await;

/**
 * Separates two batches of messages in time: waits until the wall clock has passed the next whole second,
 * which RocketMQ's second-resolution consume timestamps ({@code yyyyMMddHHmmss}) can express. Stateless.
 */
final class ClockBoundary {

    private static final DateTimeFormatter CONSUME_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneId.systemDefault());

    private ClockBoundary() {
    }

    /** Waits until the clock is past the next whole second (plus a margin) and returns that second in millis. */
    static long passNextWholeSecond() {
        long boundary = (System.currentTimeMillis() / 1000 + 1) * 1000;
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                .until(() -> System.currentTimeMillis() >= boundary + 100);
        return boundary;
    }

    /** {@code millis} in the client's consume-timestamp format, in the local time zone as the client parses it. */
    static String consumeTimestamp(long millis) {
        return CONSUME_TIMESTAMP.format(Instant.ofEpochMilli(millis));
    }
}
