package io.apogee.broker.metrics;

import io.apogee.broker.pop.PopSide;
import io.apogee.common.metrics.MetricsSource;
import io.apogee.common.metrics.Scrape;

/**
 * POP consumption ({@link PopSide}), Apogee names: {@code apogee_pop_inflight_checkpoints} (pops with messages not
 * acknowledged yet), {@code apogee_pop_revived_total} (messages made visible again in a POP retry topic since start)
 * and {@code apogee_pop_held_requests} (pops and notifications waiting for messages).
 *
 * <p>Thread-safe: reads counters the POP side publishes for other threads.
 */
final class PopMetrics implements MetricsSource {

    private final PopSide pops;

    PopMetrics(PopSide pops) {
        this.pops = pops;
    }

    @Override
    public void collect(Scrape scrape) {
        if (pops == null) {
            return;
        }
        scrape.gauge("apogee_pop_inflight_checkpoints", "Pops whose messages are not all acknowledged yet.",
                pops.inflightCheckpoints());
        scrape.counter("apogee_pop_revived", "Popped messages made visible again after their invisible time.",
                pops.revived());
        scrape.gauge("apogee_pop_held_requests", "Pops and notifications held waiting for messages.",
                pops.heldPops());
    }
}
