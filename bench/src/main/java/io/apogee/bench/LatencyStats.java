package io.apogee.bench;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latencies of one measured window, in nanoseconds, recorded into an HdrHistogram (3 significant digits,
 * up to one minute) and reported in milliseconds.
 *
 * <p>Thread-safe: {@link #record} is wait-free from any number of threads (HdrHistogram {@link Recorder});
 * {@link #snapshot()} is called once, by the thread that ends the window.
 */
final class LatencyStats {

    private static final long HIGHEST = TimeUnit.MINUTES.toNanos(1);

    private final Recorder recorder = new Recorder(HIGHEST, 3);

    /** Records one latency; values beyond one minute are clamped to one minute. */
    void record(long nanos) {
        recorder.recordValue(Math.max(0, Math.min(nanos, HIGHEST)));
    }

    /** Everything recorded so far (the recorder is reset). */
    Histogram snapshot() {
        return recorder.getIntervalHistogram();
    }

    /** Adds {@code <prefix>.p50.ms} ... {@code <prefix>.max.ms} and the sample count to the report. */
    static void report(Histogram h, String prefix, BenchReport report) {
        report.put(prefix + ".samples", h.getTotalCount());
        report.putMillis(prefix + ".p50.ms", h.getValueAtPercentile(50));
        report.putMillis(prefix + ".p90.ms", h.getValueAtPercentile(90));
        report.putMillis(prefix + ".p99.ms", h.getValueAtPercentile(99));
        report.putMillis(prefix + ".p99.9.ms", h.getValueAtPercentile(99.9));
        report.putMillis(prefix + ".max.ms", h.getMaxValue());
    }
}
