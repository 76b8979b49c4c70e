package io.apogee.namesrv;

import io.apogee.common.metrics.MetricsSource;
import io.apogee.common.metrics.Scrape;
import io.apogee.remoting.body.BrokerData;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a name server knows, for Prometheus: {@code rocketmq_namesrv_brokers} (registered broker addresses per
 * cluster and role), {@code rocketmq_namesrv_broker_groups} (broker names per cluster, and how many have no master)
 * and {@code rocketmq_namesrv_topics}. A broker that stops registering leaves these figures after
 * {@code brokerChannelExpiredTime}.
 *
 * <p>Thread-safe: reads copies the {@link RouteTable} hands out.
 */
final class RouteMetrics implements MetricsSource {

    private final RouteTable routes;

    RouteMetrics(RouteTable routes) {
        this.routes = routes;
    }

    @Override
    public void collect(Scrape scrape) {
        Map<String, int[]> byCluster = new TreeMap<>(); // masters, slaves, groups, groups without a master
        for (BrokerData group : routes.clusterInfo().brokerAddrTable.values()) {
            int[] counts = byCluster.computeIfAbsent(group.cluster, c -> new int[4]);
            boolean master = group.brokerAddrs.containsKey(0L);
            counts[0] += master ? 1 : 0;
            counts[1] += group.brokerAddrs.size() - (master ? 1 : 0);
            counts[2]++;
            counts[3] += master ? 0 : 1;
        }
        byCluster.forEach((cluster, c) -> {
            String help = "Broker addresses registered, per cluster and role.";
            scrape.gauge("rocketmq_namesrv_brokers", help, c[0], "cluster", cluster, "role", "master");
            scrape.gauge("rocketmq_namesrv_brokers", help, c[1], "cluster", cluster, "role", "slave");
            scrape.gauge("rocketmq_namesrv_broker_groups", "Broker groups (names) registered, per cluster.", c[2],
                    "cluster", cluster);
            scrape.gauge("rocketmq_namesrv_broker_groups_without_master",
                    "Broker groups whose master is not registered (its slaves still serve reads).", c[3],
                    "cluster", cluster);
        });
        scrape.gauge("rocketmq_namesrv_topics", "Topics with a route.", routes.allTopics().topicList.size());
    }
}
