package io.apogee.broker.stats;

import io.apogee.broker.client.ClientTable;
import io.apogee.broker.offset.ConsumerOffsetTable;
import io.apogee.broker.subscription.SubscriptionGroupTable;
import io.apogee.broker.topic.TopicTable;
import io.apogee.remoting.RemotingServer;
import io.apogee.remoting.RequestCode;
import io.apogee.store.MessageStore;

/**
 * The statistics admin calls of a broker: topic stats (202), consume stats (208), consume time span (303), broker
 * stats data (315) and broker consume stats (317), wired by {@link StatsService}. They read the store and so run
 * on the server's worker pool, never on a Netty I/O thread. The runtime info (28) is registered separately ({@link
 * RuntimeInfoProcessor}).
 *
 * <p>Thread-safe: immutable wiring of thread-safe parts.
 */
final class StatsAdmin {

    private final TopicStatsProcessor topicStats;
    private final ConsumeStatsProcessor consumeStats;
    private final ConsumeTimeSpanProcessor timeSpan;
    private final BrokerStatsDataProcessor statsData;
    private final BrokerConsumeStatsProcessor brokerConsumeStats;

    /**
     * @param brokerName    the broker name put in every queue of the answers
     * @param brokerAddress "ip:port" as registered, the {@code brokerAddr} of broker consume stats
     */
    StatsAdmin(String brokerName, String brokerAddress, MessageStore store, TopicTable topics,
               ConsumerOffsetTable offsets, ClientTable clients, SubscriptionGroupTable groups, BrokerStats stats) {
        ConsumeStatsReader reader = new ConsumeStatsReader(brokerName, store, topics, offsets, clients, stats);
        this.topicStats = new TopicStatsProcessor(brokerName, store, topics, stats);
        this.consumeStats = new ConsumeStatsProcessor(topics, reader);
        this.timeSpan = new ConsumeTimeSpanProcessor(brokerName, store, topics, offsets);
        this.statsData = new BrokerStatsDataProcessor(stats);
        this.brokerConsumeStats = new BrokerConsumeStatsProcessor(brokerAddress, topics, groups, reader);
    }

    /** Registers the five processors on the server's default worker pool. */
    void registerWith(RemotingServer server) {
        server.registerProcessor(RequestCode.GET_TOPIC_STATS_INFO, topicStats);
        server.registerProcessor(RequestCode.GET_CONSUME_STATS, consumeStats);
        server.registerProcessor(RequestCode.QUERY_CONSUME_TIME_SPAN, timeSpan);
        server.registerProcessor(RequestCode.VIEW_BROKER_STATS_DATA, statsData);
        server.registerProcessor(RequestCode.GET_BROKER_CONSUME_STATS, brokerConsumeStats);
    }
}
