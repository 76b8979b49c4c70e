package io.apogee.broker.metrics;

import io.apogee.broker.stats.BrokerStats;
import io.apogee.common.metrics.MetricsSource;
import io.apogee.common.metrics.Scrape;

/**
 * Messages and bytes in (stored) per topic and out (handed to consumers by pulls) per topic and group, read from
 * the counters the send and pull paths keep anyway ({@link BrokerStats}); Apache RocketMQ 5's names:
 * {@code rocketmq_messages_in_total}, {@code rocketmq_throughput_in_total} (bytes),
 * {@code rocketmq_messages_out_total}, {@code rocketmq_throughput_out_total}.
 *
 * <p>Thread-safe: reads {@link BrokerStats}, which is.
 */
final class TrafficMetrics implements MetricsSource {

    private final BrokerStats stats;

    TrafficMetrics(BrokerStats stats) {
        this.stats = stats;
    }

    @Override
    public void collect(Scrape scrape) {
        stats.forEachTopicPut((topic, messages, bytes) -> {
            String system = Boolean.toString(BrokerStats.isSystemTopic(topic));
            scrape.counter("rocketmq_messages_in", "Messages stored, per topic.", messages,
                    "topic", topic, "is_system", system);
            scrape.counter("rocketmq_throughput_in", "Bytes of the messages stored, per topic.", bytes,
                    "topic", topic, "is_system", system);
        });
        stats.forEachGroupGet((group, topic, messages, bytes) -> {
            String[] labels = {"topic", topic, "consumer_group", group,
                "is_retry", Boolean.toString(topic.startsWith(BrokerMetrics.RETRY_PREFIX)),
                "is_system", Boolean.toString(BrokerStats.isSystemTopic(topic))};
            scrape.counter("rocketmq_messages_out", "Messages handed to consumers, per topic and group.", messages,
                    labels);
            scrape.counter("rocketmq_throughput_out", "Bytes handed to consumers, per topic and group.", bytes,
                    labels);
        });
    }
}
