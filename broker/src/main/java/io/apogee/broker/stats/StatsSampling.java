package io.apogee.broker.stats;

import io.apogee.common.DaemonScheduler;
import io.apogee.common.Lifecycle;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls {@link BrokerStats#tick()} once a second on its own daemon thread, "broker-stats-sampling".
 *
 * <p>Thread-safe for its lifecycle: start once, close once (from any thread).
 */
public final class StatsSampling implements Lifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(StatsSampling.class);

    private final BrokerStats stats;
    private final ScheduledExecutorService scheduler = DaemonScheduler.named("broker-stats-sampling");

    public StatsSampling(BrokerStats stats) {
        this.stats = stats;
    }

    @Override
    public void start() {
        scheduler.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    private void tick() {
        try {
            stats.tick();
        } catch (Throwable t) {
            LOG.error("sampling the broker statistics failed", t);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
