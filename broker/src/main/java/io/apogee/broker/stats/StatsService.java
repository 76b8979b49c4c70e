package io.apogee.broker.stats;

import io.apogee.broker.client.ClientTable;
import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.offset.ConsumerOffsetTable;
import io.apogee.broker.retention.UnreadLossReport;
import io.apogee.broker.subscription.SubscriptionGroupTable;
import io.apogee.broker.topic.TopicTable;
import io.apogee.common.Lifecycle;
import io.apogee.remoting.RemotingServer;
import io.apogee.remoting.RequestCode;
import io.apogee.store.MessageStore;
import java.time.Clock;
import java.util.function.IntSupplier;

/**
 * The broker's statistics side: the {@link BrokerStats} the send and pull paths count into, sampled once a second
 * ({@link StatsSampling}) from {@link #start()}, and the admin calls that show them — runtime info (28), topic
 * stats (202), consume stats (208), consume time span (303), broker stats data (315), broker consume stats (317) —
 * registered by {@link #registerWith} once the broker's parts exist.
 *
 * <p>Thread-safe: the statistics are; start, register and close are called by the broker's owner thread.
 */
public final class StatsService implements Lifecycle {

    /**
     * What the admin calls read.
     *
     * @param heldPulls     pulls parked by long polling
     * @param sendQueueSize requests waiting in the broker-send pool's queue
     * @param pullQueueSize requests waiting in the broker-pull pool's queue
     * @param startAcceptSendMillis when the send path was registered
     */
    public record Parts(BrokerConfig config, String brokerAddress, MessageStore store, TopicTable topics,
                        ConsumerOffsetTable offsets, ClientTable clients, SubscriptionGroupTable groups,
                        UnreadLossReport losses, IntSupplier heldPulls, IntSupplier sendQueueSize,
                        IntSupplier pullQueueSize, long startAcceptSendMillis) {
    }

    private final BrokerStats stats;
    private final StatsSampling sampling;

    /** Statistics on the system clock (local midnight rolls the day totals) of a broker in {@code clusterName}. */
    public StatsService(String clusterName) {
        this.stats = new BrokerStats(Clock.systemDefaultZone(), clusterName);
        this.sampling = new StatsSampling(stats);
    }

    /** The counters the send and pull paths record into. */
    public BrokerStats stats() {
        return stats;
    }

    @Override
    public void start() {
        sampling.start();
    }

    /** Registers the six statistics calls with the broker's server. */
    public void registerWith(RemotingServer server, Parts parts) {
        BrokerConfig c = parts.config();
        RuntimeGauges gauges = new RuntimeGauges(parts.heldPulls(), parts.sendQueueSize(),
                c.sendThreadPoolQueueCapacity, parts.pullQueueSize(), c.pullThreadPoolQueueCapacity,
                () -> c.brokerId == 0, parts.startAcceptSendMillis());
        server.registerProcessor(RequestCode.GET_BROKER_RUNTIME_INFO,
                new RuntimeInfoProcessor(parts.store(), parts.losses(), stats, gauges));
        new StatsAdmin(c.brokerName, parts.brokerAddress(), parts.store(), parts.topics(), parts.offsets(),
                parts.clients(), parts.groups(), stats).registerWith(server);
    }

    @Override
    public void close() {
        sampling.close();
    }
}
