package io.apogee.broker.pop;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.consumer.ConsumeSide;
import io.apogee.broker.stats.BrokerStats;
import io.apogee.broker.topic.TopicTable;
import io.apogee.common.DaemonScheduler;
import io.apogee.common.Lifecycle;
import io.apogee.remoting.RemotingServer;
import io.apogee.remoting.RequestCode;
import io.apogee.store.MessageArrivalListener;
import io.apogee.store.MessageStore;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POP consumption (RocketMQ 5; docs/protocol/16-*.md §4, docs/ARCHITECTURE.md "POP consumption"), wired from its
 * parts: pops ({@link PopMessageProcessor}, {@link QueuePopper}), acknowledgements and invisible-time changes
 * ({@link PopAckProcessor}, {@link BatchAcks}), notifications ({@link PopWatchProcessor}), long polling
 * ({@link PopHolds}), the in-flight checkpoints ({@link InflightPops}) with their journal ({@link ReviveLog}) and
 * redelivery ({@link Reviver}), and orderly pops ({@link OrderedPops}).
 *
 * <p>Use: construct, {@link #registerWith} the server, {@link #start()} (replays the journal, then redelivers and
 * expires on the {@code pop-revive} thread every {@value #TICK_MILLIS} ms; a slave replays nothing and redelivers
 * nothing), register as a store arrival listener (wakes held pops), {@link #close()}.
 *
 * <p>Thread-safe: every part is; pops run on the pull pool, acknowledgements on the server's worker pool.
 */
public final class PopSide implements Lifecycle, MessageArrivalListener {

    static final long TICK_MILLIS = 50;
    private static final Logger LOG = LoggerFactory.getLogger(PopSide.class);

    private final BrokerConfig config;
    private final MessageStore store;
    private final InflightPops inflight = new InflightPops();
    private final OrderedPops ordered = new OrderedPops();
    private final ReviveLog log;
    private final Reviver reviver;
    private final PopHolds holds;
    private final PopMessageProcessor pops;
    private final PopAckProcessor acks;
    private final PopWatchProcessor watch;
    private final Executor popExecutor;
    private final ScheduledExecutorService scheduler = DaemonScheduler.named("pop-revive");

    /** @param host the broker's address, stamped on journal records and redelivered copies */
    public PopSide(BrokerConfig config, MessageStore store, TopicTable topics, ConsumeSide consume,
                   InetSocketAddress host, BrokerStats stats) {
        this.config = config;
        this.store = store;
        LongSupplier clock = System::currentTimeMillis;
        this.popExecutor = consume.pullExecutor();
        this.log = new ReviveLog(store, topics, consume.offsets(), host, config.brokerName,
                config.brokerClusterName, inflight);
        this.reviver = new Reviver(store, topics, inflight, log, host, clock);
        this.holds = new PopHolds(popExecutor, clock, config.maxPopPollingSize);
        QueuePopper popper = new QueuePopper(store, consume.offsets(), consume.clients(), log, ordered, stats);
        this.pops = new PopMessageProcessor(config, topics, consume.subscriptionGroups(), popper, holds, clock);
        this.acks = new PopAckProcessor(topics, store, consume.offsets(), inflight, log, ordered, holds, clock);
        this.watch = new PopWatchProcessor(config, topics, consume.subscriptionGroups(), store, consume.offsets(),
                ordered, holds, clock);
    }

    public void registerWith(RemotingServer server) {
        server.registerProcessor(RequestCode.POP_MESSAGE, pops, popExecutor);
        server.registerProcessor(RequestCode.NOTIFICATION, watch, popExecutor);
        server.registerProcessor(RequestCode.POLLING_INFO, watch);
        server.registerProcessor(RequestCode.ACK_MESSAGE, acks);
        server.registerProcessor(RequestCode.BATCH_ACK_MESSAGE, acks);
        server.registerProcessor(RequestCode.CHANGE_MESSAGE_INVISIBLETIME, acks);
    }

    @Override
    public void start() {
        if (config.brokerId == 0) {
            store.awaitDispatch(10_000);
            log.replay();
            scheduler.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void tick() {
        try {
            holds.expire();
            reviver.reviveDue();
        } catch (Throwable t) {
            LOG.error("POP redelivery round failed", t);
        }
    }

    @Override
    public void arrived(String topic, int queueId, long logicOffset, long tagsCode, long storeTimestamp) {
        holds.arrived(topic);
    }

    /** Pop checkpoints with un-acknowledged messages. */
    public int inflightCheckpoints() {
        return inflight.size();
    }

    /** Messages made visible again (copied to a POP retry topic) since start. */
    public long revived() {
        return reviver.revived();
    }

    /** Pops and notifications held waiting. */
    public int heldPops() {
        return holds.size();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (config.brokerId == 0) {
            log.commitProgress();
        }
    }
}
