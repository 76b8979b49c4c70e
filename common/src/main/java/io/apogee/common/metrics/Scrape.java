package io.apogee.common.metrics;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one scrape, grouped into metric families. Every data point carries the node's labels (Apache
 * RocketMQ 5's {@code cluster}, {@code node_type}, {@code node_id}) after its own; label pairs are given as
 * alternating names and values. A counter's name is given without the {@code _total} suffix the exposition adds
 * ({@code rocketmq_messages_in} is scraped as {@code rocketmq_messages_in_total}).
 *
 * <p>Not thread-safe: one instance per scrape, filled on the scraping thread.
 */
public final class Scrape {

    private final Labels node;
    private final Map<String, Family> families = new LinkedHashMap<>();

    Scrape(Labels node) {
        this.node = node;
    }

    /** A monotonic total (it may restart from 0 when the server restarts or forgets a deleted topic). */
    public Scrape counter(String name, String help, double value, String... labels) {
        family(name, help, true).counters.add(CounterSnapshot.CounterDataPointSnapshot.builder().value(value)
                .labels(labels(labels)).build());
        return this;
    }

    /** A value that goes up and down. */
    public Scrape gauge(String name, String help, double value, String... labels) {
        family(name, help, false).gauges.add(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value)
                .labels(labels(labels)).build());
        return this;
    }

    private Labels labels(String... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("label pairs come as name, value: " + String.join(", ", pairs));
        }
        return pairs.length == 0 ? node : Labels.of(pairs).merge(node);
    }

    private Family family(String name, String help, boolean counter) {
        Family f = families.computeIfAbsent(name, n -> new Family(help, counter));
        if (f.counter != counter) {
            throw new IllegalArgumentException("metric " + name + " reported both as a counter and as a gauge");
        }
        return f;
    }

    MetricSnapshots snapshots() {
        List<MetricSnapshot> out = new ArrayList<>(families.size());
        families.forEach((name, f) -> out.add(f.counter
                ? new CounterSnapshot(new MetricMetadata(name, f.help), f.counters)
                : new GaugeSnapshot(new MetricMetadata(name, f.help), f.gauges)));
        return new MetricSnapshots(out);
    }

    /** One metric family's data points. */
    private static final class Family {
        final String help;
        final boolean counter;
        final List<CounterSnapshot.CounterDataPointSnapshot> counters = new ArrayList<>();
        final List<GaugeSnapshot.GaugeDataPointSnapshot> gauges = new ArrayList<>();

        Family(String help, boolean counter) {
            this.help = help;
            this.counter = counter;
        }
    }
}
