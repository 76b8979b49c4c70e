package io.apogee.remoting.body;

/**
 * One window of a {@link BrokerStatsData}: {@code {"avgpt":1.0,"sum":100,"tps":1.66}} — the amount added in the
 * window, per second, and per recording call.
 */
public final class BrokerStatsItem {
    public long sum;
    public double tps;
    public double avgpt;

    public BrokerStatsItem() {
    }

    public BrokerStatsItem(long sum, double tps, double avgpt) {
        this.sum = sum;
        this.tps = tps;
        this.avgpt = avgpt;
    }
}
