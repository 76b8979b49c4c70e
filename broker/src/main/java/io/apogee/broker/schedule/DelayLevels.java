package io.apogee.broker.schedule;

import io.apogee.common.config.ConfigException;
import java.util.Arrays;

/**
 * The delay of each delay level, parsed from {@code messageDelayLevel}: space-separated durations, each a
 * non-negative whole number followed by a unit {@code ms}, {@code s}, {@code m}, {@code h} or {@code d}
 * (RocketMQ's default {@code "1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h"} gives levels 1..18).
 * Level {@code n} is parked in queue {@code n - 1} of {@code SCHEDULE_TOPIC_XXXX}.
 *
 * <p>Immutable, hence thread-safe.
 */
public final class DelayLevels {

    /** The config key this is parsed from. */
    public static final String KEY = "messageDelayLevel";

    private final long[] millis;

    private DelayLevels(long[] millis) {
        this.millis = millis;
    }

    /**
     * Parses a {@code messageDelayLevel} value.
     *
     * @throws ConfigException naming the offending token when a token is not a number with a known unit, or
     *                         when there is no level at all
     */
    public static DelayLevels parse(String spec) {
        String trimmed = spec == null ? "" : spec.trim();
        if (trimmed.isEmpty()) {
            throw new ConfigException(KEY, spec, KEY + " is empty: at least one delay level (e.g. '1s') is needed");
        }
        String[] tokens = trimmed.split("\\s+");
        long[] millis = new long[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            millis[i] = parseToken(tokens[i], spec);
        }
        return new DelayLevels(millis);
    }

    private static long parseToken(String token, String spec) {
        String unit = token.endsWith("ms") ? "ms" : token.substring(Math.max(0, token.length() - 1));
        long factor = switch (unit) {
            case "ms" -> 1L;
            case "s" -> 1_000L;
            case "m" -> 60_000L;
            case "h" -> 3_600_000L;
            case "d" -> 86_400_000L;
            default -> -1L;
        };
        String number = token.substring(0, token.length() - unit.length());
        if (factor < 0 || number.isEmpty() || !number.chars().allMatch(Character::isDigit) || number.length() > 12) {
            throw new ConfigException(KEY, spec, "illegal delay level '" + token + "' in " + KEY + "='" + spec
                    + "': expected a whole number followed by ms, s, m, h or d (e.g. 500ms, 10s, 2h)");
        }
        return Long.parseLong(number) * factor;
    }

    /** Number of levels (the highest level). */
    public int count() {
        return millis.length;
    }

    /** Delay of {@code level} (1-based) in milliseconds. */
    public long delayMillis(int level) {
        return millis[level - 1];
    }

    /** {@code level} clamped into {@code 1..count()}. */
    public int clamp(int level) {
        return Math.max(1, Math.min(level, millis.length));
    }

    /** The smallest level whose delay is at least {@code delayMillis}, or -1 when every level is shorter. */
    public int levelAtLeast(long delayMillis) {
        int best = -1;
        for (int i = 0; i < millis.length; i++) {
            if (millis[i] >= delayMillis && (best < 0 || millis[i] < millis[best])) {
                best = i;
            }
        }
        return best < 0 ? -1 : best + 1;
    }

    /** The longest delay of any level, in milliseconds. */
    public long maxMillis() {
        return Arrays.stream(millis).max().orElse(0);
    }

    @Override
    public String toString() {
        return "DelayLevels" + Arrays.toString(millis);
    }
}
