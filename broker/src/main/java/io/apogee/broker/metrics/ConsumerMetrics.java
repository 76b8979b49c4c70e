package io.apogee.broker.metrics;

import io.apogee.broker.client.ClientConnection;
import io.apogee.broker.client.ClientTable;
import io.apogee.broker.client.ConsumerGroup;
import io.apogee.broker.offset.ConsumerOffsetTable;
import io.apogee.broker.stats.BrokerStats;
import io.apogee.broker.subscription.SubscriptionGroupTable;
import io.apogee.broker.topic.TopicTable;
import io.apogee.common.metrics.MetricsSource;
import io.apogee.common.metrics.Scrape;
import io.apogee.store.MessageStore;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Topics, groups, clients and lag: {@code rocketmq_topic_number}, {@code rocketmq_consumer_group_number},
 * {@code rocketmq_producer_connections} (by language), {@code rocketmq_consumer_connections} (by group, language and
 * consume mode) and {@code rocketmq_consumer_lag_messages}: per group and topic, the sum over its queues of the
 * queue's end minus the group's committed offset (queues with no commit yet are not counted; deleted topics not
 * reported).
 *
 * <p>Thread-safe: reads thread-safe tables; each scrape works on copies.
 */
final class ConsumerMetrics implements MetricsSource {

    private final TopicTable topics;
    private final SubscriptionGroupTable groups;
    private final ConsumerOffsetTable offsets;
    private final ClientTable clients;
    private final MessageStore store;

    ConsumerMetrics(TopicTable topics, SubscriptionGroupTable groups, ConsumerOffsetTable offsets,
                    ClientTable clients, MessageStore store) {
        this.topics = topics;
        this.groups = groups;
        this.offsets = offsets;
        this.clients = clients;
        this.store = store;
    }

    @Override
    public void collect(Scrape scrape) {
        scrape.gauge("rocketmq_topic_number", "Topics of this broker.", topics.all().size());
        scrape.gauge("rocketmq_consumer_group_number", "Subscription groups of this broker.", groups.all().size());
        producers(scrape);
        consumers(scrape);
        lag(scrape);
    }

    private void producers(Scrape scrape) {
        Map<String, Integer> byLanguage = new TreeMap<>();
        for (ClientConnection c : clients.producerConnections()) {
            byLanguage.merge(language(c), 1, Integer::sum);
        }
        byLanguage.forEach((language, count) -> scrape.gauge("rocketmq_producer_connections",
                "Producer connections (per producer group a client is in), by client language.", count,
                "language", language, "protocol_type", "remoting"));
    }

    private void consumers(Scrape scrape) {
        for (String name : clients.consumerGroups()) {
            ConsumerGroup group = clients.consumerGroup(name);
            if (group == null) {
                continue;
            }
            String mode = "CONSUME_ACTIVELY".equals(group.consumeType()) ? "pull" : "push";
            Map<String, Integer> byLanguage = new TreeMap<>();
            for (ClientConnection c : group.connections()) {
                byLanguage.merge(language(c), 1, Integer::sum);
            }
            byLanguage.forEach((language, count) -> scrape.gauge("rocketmq_consumer_connections",
                    "Consumer connections, by group, client language and consume mode.", count,
                    "consumer_group", name, "language", language, "consume_mode", mode,
                    "protocol_type", "remoting"));
        }
    }

    private void lag(Scrape scrape) {
        offsets.snapshot().forEach((topicAtGroup, queues) -> {
            int at = topicAtGroup.indexOf('@'); // topic names cannot hold '@'
            String topic = at < 0 ? null : topicAtGroup.substring(0, at);
            if (topic == null || topics.find(topic) == null) {
                return;
            }
            long lag = 0;
            for (Map.Entry<Integer, Long> q : queues.entrySet()) {
                lag += Math.max(0, store.maxOffsetInQueue(topic, q.getKey()) - q.getValue());
            }
            scrape.gauge("rocketmq_consumer_lag_messages",
                    "Messages stored but not yet committed as consumed, per group and topic.", lag,
                    "topic", topic, "consumer_group", topicAtGroup.substring(at + 1),
                    "is_retry", Boolean.toString(topic.startsWith(BrokerMetrics.RETRY_PREFIX)),
                    "is_system", Boolean.toString(BrokerStats.isSystemTopic(topic)));
        });
    }

    private static String language(ClientConnection c) {
        return c.language().name().toLowerCase(Locale.ROOT);
    }
}
