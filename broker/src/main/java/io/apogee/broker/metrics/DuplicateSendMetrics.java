package io.apogee.broker.metrics;

import io.apogee.broker.dedup.RecentSends;
import io.apogee.common.metrics.MetricsSource;
import io.apogee.common.metrics.Scrape;

/**
 * The duplicate-send window ({@link RecentSends}), an Apogee addition with no Apache name:
 * {@code apogee_duplicate_sends_total} (sends answered with an earlier result instead of being stored),
 * {@code apogee_duplicate_window_keys} (UNIQ_KEYs remembered now), {@code apogee_duplicate_window_capacity_keys} and
 * {@code apogee_duplicate_window_bytes} (heap its arrays hold). Nothing when detection is switched off.
 *
 * <p>Thread-safe: reads {@link RecentSends}, which is.
 */
final class DuplicateSendMetrics implements MetricsSource {

    private final RecentSends window;

    DuplicateSendMetrics(RecentSends window) {
        this.window = window;
    }

    @Override
    public void collect(Scrape scrape) {
        if (window == null || !window.enabled()) {
            return;
        }
        scrape.counter("apogee_duplicate_sends", "Sends answered with the result of an earlier send of the same "
                + "UNIQ_KEY and topic instead of being stored again.", window.hits());
        scrape.gauge("apogee_duplicate_window_keys", "UNIQ_KEYs the duplicate-send window remembers now.",
                window.size());
        scrape.gauge("apogee_duplicate_window_capacity_keys", "Most UNIQ_KEYs the duplicate-send window remembers "
                + "(duplicateSendWindowCapacity).", window.capacity());
        scrape.gauge("apogee_duplicate_window_bytes", "Heap held by the duplicate-send window's arrays.",
                window.bytes());
    }
}
