package io.apogee.console.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * How the console writes a time: {@code 2026-12-02 10:15:30.123} in the console's time zone, on every page.
 *
 * <p>Stateless, hence thread-safe.
 */
public final class Times {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private Times() {
    }

    /** {@code epochMillis} as text; empty for 0 or less (never happened). */
    public static String of(long epochMillis) {
        return epochMillis <= 0 ? "" : TIME.format(Instant.ofEpochMilli(epochMillis));
    }
}
