package io.apogee.common.metrics;

/**
 * A part of a server that reports figures when Prometheus scrapes: it reads what the server already keeps (counters,
 * tables, offsets) and adds it to the {@link Scrape}, so recording costs the hot paths nothing.
 *
 * <p>Implementations are called on the metrics endpoint's HTTP thread, concurrently with the server's own threads:
 * they read thread-safe state only.
 */
@FunctionalInterface
public interface MetricsSource {

    void collect(Scrape scrape);
}
