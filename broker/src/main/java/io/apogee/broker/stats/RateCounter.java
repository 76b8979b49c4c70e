package io.apogee.broker.stats;

import java.util.concurrent.atomic.LongAdder;

/**
 * A broker-wide counter (messages put, gets that found messages...) with a sample every second, 601 kept, for the
 * rates the runtime info shows over the last 10 s, 1 min and 10 min: {@code "a b c"}, each a Java double (Apache's
 * {@code putTps} format; {@code mqadmin clusterList} reads the first).
 *
 * <p>Thread-safe: a {@link LongAdder} and a synchronized ring.
 */
final class RateCounter {

    private static final int[] WINDOW_SECONDS = {10, 60, 600};

    private final LongAdder count = new LongAdder();
    private final SampleRing ring;

    RateCounter(long startMillis) {
        ring = new SampleRing(WINDOW_SECONDS[WINDOW_SECONDS.length - 1] + 1, startMillis);
    }

    void add(long amount) {
        count.add(amount);
    }

    long value() {
        return count.sum();
    }

    void sample(long nowMillis) {
        ring.add(nowMillis, count.sum(), 0);
    }

    /** Per second over the last {@code seconds} (or since start when younger). */
    double perSecond(int seconds, long nowMillis) {
        SampleRing.Sample from = ring.atLeast(seconds * 1000L, nowMillis);
        return StatsSnapshot.between(from, count.sum(), 0, nowMillis - from.timeMillis()).tps();
    }

    /** {@code "tps10s tps1min tps10min"}. */
    String rates(long nowMillis) {
        StringBuilder sb = new StringBuilder();
        for (int seconds : WINDOW_SECONDS) {
            sb.append(sb.length() == 0 ? "" : " ").append(perSecond(seconds, nowMillis));
        }
        return sb.toString();
    }

    /** Sum of two counters' rates, per window, in the same format. */
    static String sumOfRates(RateCounter a, RateCounter b, long nowMillis) {
        StringBuilder sb = new StringBuilder();
        for (int seconds : WINDOW_SECONDS) {
            sb.append(sb.length() == 0 ? "" : " ")
                    .append(a.perSecond(seconds, nowMillis) + b.perSecond(seconds, nowMillis));
        }
        return sb.toString();
    }
}
