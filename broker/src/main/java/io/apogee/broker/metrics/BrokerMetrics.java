package io.apogee.broker.metrics;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.dedup.RecentSends;
import io.apogee.broker.pop.PopSide;
import io.apogee.broker.timer.TimerService;
import io.apogee.broker.stats.BrokerStats;
import io.apogee.broker.stats.StatsService;
import io.apogee.common.metrics.MetricsEndpoint;
import java.util.List;

/**
 * The broker's Prometheus endpoint ({@code metricsEnable}, {@code metricsPort}, {@code metricsBindAddress}) with its
 * sources: traffic per topic and group, consumers and lag, the store and replication, and the JVM. Every figure is
 * read at scrape time from what the broker keeps anyway, so the send and pull paths record nothing extra. Labels:
 * {@code cluster} (brokerClusterName), {@code node_type} "broker", {@code node_id} (brokerName), as Apache
 * RocketMQ 5's metrics, so its Grafana dashboards find them.
 */
public final class BrokerMetrics {

    static final String RETRY_PREFIX = "%RETRY%";

    private BrokerMetrics() {
    }

    /**
     * The endpoint (not started), or null when {@code metricsEnable} is false.
     *
     * @param recentSends the send path's duplicate-send window; may be null
     * @param timers      the timer wheel's service; null when the wheel is off
     * @param pops        the POP side; may be null
     */
    public static MetricsEndpoint endpoint(StatsService.Parts parts, BrokerStats stats, int boundListenPort,
                                           RecentSends recentSends, TimerService timers, PopSide pops) {
        BrokerConfig config = parts.config();
        if (!config.metricsEnable) {
            return null;
        }
        return new MetricsEndpoint(config.metricsBindAddress,
                MetricsEndpoint.port(config.metricsPort, config.listenPort, boundListenPort), config.metricsPort >= 0,
                config.brokerClusterName, "broker", config.brokerName, List.of(
                        new TrafficMetrics(stats),
                        new ConsumerMetrics(parts.topics(), parts.groups(), parts.offsets(), parts.clients(),
                                parts.store()),
                        new StoreMetrics(config, parts.store(), parts.sendQueueSize(), parts.pullQueueSize()),
                        new DuplicateSendMetrics(recentSends), new TimerMetrics(timers), new PopMetrics(pops)));
    }
}
