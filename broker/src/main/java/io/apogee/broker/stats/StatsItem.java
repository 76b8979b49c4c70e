package io.apogee.broker.stats;

import java.util.concurrent.atomic.LongAdder;

/**
 * One statistic of the broker (say TOPIC_PUT_NUMS of topic T): a value and a count of recording calls, plus samples
 * for Apache's three windows — the minute (a sample every 10 s, 7 kept), the hour (every 10 min, 7 kept) and the
 * day (every hour, 25 kept). A window runs from its oldest kept sample to now, so a statistic created a few seconds
 * ago already shows what it counted; rates divide by at least one second.
 *
 * <p>Thread-safe: {@link #add} is a pair of {@link LongAdder} increments (no allocation); rings are synchronized.
 */
public final class StatsItem {

    /** Apache's windows and how they are sampled. */
    public enum Window {
        MINUTE(7), HOUR(7), DAY(25);

        private final int samples;

        Window(int samples) {
            this.samples = samples;
        }
    }

    private final LongAdder value = new LongAdder();
    private final LongAdder calls = new LongAdder();
    private final SampleRing[] rings = new SampleRing[Window.values().length];

    StatsItem(long createdMillis) {
        for (Window w : Window.values()) {
            rings[w.ordinal()] = new SampleRing(w.samples, createdMillis);
        }
    }

    /** Records one call adding {@code amount}. */
    public void add(long amount) {
        value.add(amount);
        calls.increment();
    }

    /** Everything added since the broker started. */
    public long value() {
        return value.sum();
    }

    void sample(Window window, long nowMillis) {
        rings[window.ordinal()].add(nowMillis, value.sum(), calls.sum());
    }

    /** The figures of one window ending now. */
    public StatsSnapshot snapshot(Window window, long nowMillis) {
        SampleRing.Sample from = rings[window.ordinal()].oldest();
        return StatsSnapshot.between(from, value.sum(), calls.sum(), nowMillis - from.timeMillis());
    }
}
