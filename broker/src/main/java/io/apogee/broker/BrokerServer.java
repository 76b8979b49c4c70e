package io.apogee.broker;

import io.apogee.broker.admin.BrokerAdmin;
import io.apogee.broker.config.BrokerAddress;
import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.consumer.ConsumeSide;
import io.apogee.broker.groupadmin.GroupAdmin;
import io.apogee.broker.inventory.StoreInventory;
import io.apogee.broker.metrics.BrokerMetrics;
import io.apogee.broker.pop.PopSide;
import io.apogee.broker.query.MessageQueries;
import io.apogee.broker.registration.NameServerRegistrar;
import io.apogee.broker.retention.UnreadLossReport;
import io.apogee.broker.schedule.ScheduleMessageService;
import io.apogee.broker.produce.ProduceSide;
import io.apogee.broker.slave.SlaveSync;
import io.apogee.broker.stats.BrokerStats;
import io.apogee.broker.stats.StatsService;
import io.apogee.broker.timer.TimerService;
import io.apogee.broker.topic.TopicTable;
import io.apogee.broker.transaction.Transactions;
import io.apogee.common.Lifecycle;
import io.apogee.common.config.ConfigBinder;
import io.apogee.common.metrics.MetricsEndpoint;
import io.apogee.common.io.MetadataWriter;
import io.apogee.remoting.RemotingServer;
import io.apogee.remoting.ServerSettings;
import io.apogee.store.BrokerRole;
import io.apogee.store.MessageStore;
import io.apogee.store.MessageStoreConfig;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A broker, assembled from its parts in dependency order: message store → metadata writer and topic table →
 * remoting server → statistics sampling → consume side (clients, groups, offsets, pulls) → server start → produce
 * side (send and send-back processors, delay-level schedule service, timer wheel and recall) → POP side (pops,
 * acknowledgements, redelivery) → transactions →
 * unread-loss report, runtime info and the other statistics calls and the metrics endpoint → name-server registrar.
 * It closes them in reverse order (the metadata writer finishes its queued writes before the store closes). The
 * client port is bound before the send path is wired because the broker's address (and so every message's store
 * host) includes the bound port, which lets {@code listenPort=0} work; the broker is announced to name servers only
 * after everything is registered.
 *
 * <p>Thread-safe for its lifecycle: {@link #start()} and {@link #close()} are synchronized; the accessors
 * are meant to be used after start.
 */
public final class BrokerServer implements Lifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerServer.class);

    private final BrokerConfig config;
    private final MessageStoreConfig storeConfig;
    private MessageStore store;
    private final MetadataWriter metadata;
    private TopicTable topics;
    private RemotingServer server;
    private ConsumeSide consumeSide;
    private NameServerRegistrar registrar;
    private SlaveSync slaveSync;
    private ProduceSide produceSide;
    private PopSide popSide;
    private Transactions transactions;
    private UnreadLossReport losses;
    private StatsService stats;
    private MetricsEndpoint metrics;
    private BrokerAddress address;
    private boolean closed;
    private Path configFile;

    public BrokerServer(BrokerConfig config, MessageStoreConfig storeConfig) {
        this(config, storeConfig, new MetadataWriter("broker-metadata-writer"));
    }

    /** A broker whose metadata files are written by {@code metadata} (tests pass a writer they can hold up). */
    BrokerServer(BrokerConfig config, MessageStoreConfig storeConfig, MetadataWriter metadata) {
        this.config = config;
        this.storeConfig = storeConfig;
        this.metadata = metadata;
    }

    @Override
    public synchronized void start() throws Exception {
        try {
            assemble();
        } catch (Exception | Error e) {
            close();
            throw e;
        }
        LOG.info("Broker {} of cluster {} started at {}", config.brokerName, config.brokerClusterName, address);
    }

    private void assemble() throws Exception {
        ConfigBinder.checkRanges(config);
        if (storeConfig.haListenPort == 0 && config.listenPort > 0) {
            storeConfig.haListenPort = config.listenPort + 1;
        }
        StoreInventory.report(storeConfig).forEach(line -> LOG.info("{}", line));
        store = new MessageStore(storeConfig);
        store.start();
        topics = new TopicTable(config, storeConfig.configDir(), metadata);
        topics.load();
        server = new RemotingServer(new ServerSettings("broker", "0.0.0.0", config.listenPort,
                config.serverWorkerThreads, config.serverWorkerQueueCapacity, config.serverSelectorThreads,
                config.serverChannelMaxIdleTimeSeconds, new ServerSettings.InboundLimits(
                        config.serverMaxFrameLength, config.serverFrameReadTimeoutSeconds,
                        config.serverInboundBufferBudget)));
        stats = new StatsService(config.brokerClusterName);
        stats.start();
        consumeSide = new ConsumeSide(config, storeConfig.configDir(), store, topics, metadata, stats.stats());
        consumeSide.registerWith(server);
        store.setArrivalListener(consumeSide);
        consumeSide.start();
        server.start();
        listenOnFastPort();
        // the send path stamps the bound address into every message, so it is wired once the port is known;
        // clients learn the broker only from the registration below, after this
        address = BrokerAddress.resolve(config.brokerIP1, server.port());
        produceSide = new ProduceSide(config, storeConfig, store, topics, address,
                consumeSide.subscriptionGroups(), stats.stats());
        produceSide.registerWith(server, topics, consumeSide.clients(), address.toString());
        produceSide.orderlyGroups(group -> consumeSide.queueLocks().anyLiveLock(group, System.currentTimeMillis()));
        produceSide.start();
        popSide = new PopSide(config, store, topics, consumeSide, address.socketAddress(), stats.stats());
        popSide.registerWith(server);
        popSide.start();
        consumeSide.alsoNotify(popSide);
        ScheduleMessageService schedule = produceSide.schedule();
        boolean slave = storeConfig.brokerRole == BrokerRole.SLAVE;
        GroupAdmin.register(server, consumeSide, topics, store, config, address::toString,
                schedule::offsetOf, produceSide.delayLevelCount());
        transactions = new Transactions(config, storeConfig.configDir(), store, topics, consumeSide.clients(),
                address.socketAddress(), stats.stats());
        if (!slave) {
            transactions.start();
        }
        transactions.registerWith(server);
        losses = new UnreadLossReport(consumeSide.offsets(), schedule::offsetOf,
                transactions.checkService()::checkOffset);
        store.setTrimListener(losses);
        registerStats();
        MessageQueries.registerWith(server, store);
        if (slave) {
            slaveSync = new SlaveSync(topics, consumeSide.offsets(), consumeSide.subscriptionGroups(),
                    consumeSide.requestModes(), schedule::adoptOffsets, address.toString());
            slaveSync.start();
        }
        registrar = new NameServerRegistrar(config, address, store.haPort(), topics, this::masterLearnt);
        new BrokerAdmin(config, storeConfig, configFile, topics, store, consumeSide.clients(),
                this::forgetDeletedTopic, registrar::registerAll).registerWith(server);
        topics.setChangeListener(registrar);
        registrar.start();
    }

    /**
     * Serves the "fast" (VIP) port {@code listenPort - 2} too, as Apache's broker does: Apache slaves fetch their
     * master's topics there. A port that cannot be bound is logged, not fatal (only Apache slaves need it).
     */
    private void listenOnFastPort() {
        int fast = server.port() - 2;
        try {
            server.listenAlso(fast);
        } catch (IllegalStateException e) {
            LOG.warn("Broker {} cannot serve its fast port {} (listenPort - 2), where Apache slaves fetch topics: {}",
                    config.brokerName, fast, e.getMessage());
        }
    }

    /** A slave's master, from a registration answer: its log is replicated and its metadata copied from there. */
    private void masterLearnt(String masterAddr, String haServerAddr) {
        store.haMasterAddress(haServerAddr);
        if (slaveSync != null) {
            slaveSync.masterAddress(masterAddr);
        }
    }

    /** A deleted topic's consumer offsets and statistics go with it. */
    private void forgetDeletedTopic(String topic) {
        consumeSide.offsets().removeTopic(topic);
        stats.stats().forgetTopic(topic);
    }

    private void registerStats() {
        StatsService.Parts parts = new StatsService.Parts(config, address.toString(), store, topics,
                consumeSide.offsets(), consumeSide.clients(), consumeSide.subscriptionGroups(), losses,
                consumeSide::heldPullCount, produceSide::sendQueueSize, consumeSide::pullQueueSize,
                produceSide.startAcceptSendMillis());
        stats.registerWith(server, parts);
        metrics = BrokerMetrics.endpoint(parts, stats.stats(), server.port(), produceSide.recentSends(),
                produceSide.timers().service(), popSide);
        if (metrics != null) {
            metrics.start();
            server.requestTimer(metrics.rpcLatency()::record);
        }
    }

    /**
     * The config file the broker was started with ({@code -c}), which UPDATE_BROKER_CONFIG rewrites; call before
     * {@link #start()}. Without one, runtime changes live in memory only.
     */
    public synchronized BrokerServer configFile(Path file) {
        this.configFile = file;
        return this;
    }

    /** The bound client port. */
    public int port() {
        return server.port();
    }

    /** "ip:port" as registered with name servers and stored as every message's store host. */
    public String address() {
        return address.toString();
    }

    public MessageStore store() {
        return store;
    }

    /** The bound port of the Prometheus endpoint, or -1 when {@code metricsEnable} is false. */
    public int metricsPort() {
        return metrics == null ? -1 : metrics.port();
    }

    public TopicTable topics() {
        return topics;
    }

    /** The consumer side: client table, subscription groups, committed offsets. */
    public ConsumeSide consumeSide() {
        return consumeSide;
    }

    /** The transaction side (settled transactions, check service). */
    public Transactions transactions() {
        return transactions;
    }

    /** Unread messages deleted by cleanup, per topic, group and cause. */
    public UnreadLossReport unreadLosses() {
        return losses;
    }

    /** The measured traffic: puts per topic, gets per group, broker totals. */
    public BrokerStats stats() {
        return stats.stats();
    }

    /** The delay-level delivery service (delivery progress per level). */
    public ScheduleMessageService schedule() {
        return produceSide.schedule();
    }

    /** The timer wheel's service; null when {@code timerWheelEnable} is false. */
    public TimerService timers() {
        return produceSide.timers().service();
    }

    /**
     * Stops accepting, unregisters from the name servers, closes the consume side and the schedule service
     * (writing delayOffset.json), finishes queued metadata writes, then flushes and closes the store.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(metrics, "metrics endpoint");
        closeQuietly(server, "remoting server");
        closeQuietly(registrar, "name-server registrar");
        closeQuietly(slaveSync, "slave metadata sync");
        closeQuietly(popSide, "POP side");
        closeQuietly(consumeSide, "consume side");
        closeQuietly(produceSide, "produce side (schedule service, timer wheel)");
        closeQuietly(transactions, "transaction check service");
        closeQuietly(stats, "statistics sampling");
        closeQuietly(metadata, "metadata writer");
        closeQuietly(store, "message store");
        LOG.info("Broker {} stopped", config.brokerName);
    }

    private static void closeQuietly(AutoCloseable part, String what) {
        if (part == null) {
            return;
        }
        try {
            part.close();
        } catch (Exception e) {
            LOG.warn("Closing the {} failed: {}", what, e.toString());
        }
    }
}
