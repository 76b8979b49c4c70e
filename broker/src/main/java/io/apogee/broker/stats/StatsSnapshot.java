package io.apogee.broker.stats;

/**
 * A counter over one window: {@code sum} added, {@code tps} per second, {@code avgpt} per recording call (for
 * message counts: messages per put or per pull).
 */
public record StatsSnapshot(long sum, double tps, double avgpt) {

    /** Figures from a baseline to the current value over {@code elapsedMillis} (counted as at least 1 s). */
    static StatsSnapshot between(SampleRing.Sample from, long value, long calls, long elapsedMillis) {
        long sum = value - from.value();
        long callDiff = calls - from.calls();
        double tps = sum * 1000.0 / Math.max(1000, elapsedMillis);
        return new StatsSnapshot(sum, tps, callDiff > 0 ? (double) sum / callDiff : 0);
    }
}
