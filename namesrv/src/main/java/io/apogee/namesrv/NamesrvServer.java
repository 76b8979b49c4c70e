package io.apogee.namesrv;

import io.apogee.common.Lifecycle;
import io.apogee.common.config.ConfigBinder;
import io.apogee.common.config.RuntimeConfig;
import io.apogee.common.io.MetadataWriter;
import io.apogee.common.metrics.MetricsEndpoint;
import io.apogee.remoting.RemotingServer;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ServerSettings;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A name server: a {@link RemotingServer} answering route requests from a {@link RouteTable} that brokers fill
 * by registering, plus the {@link BrokerHousekeeper} that drops silent or disconnected brokers, and the admin
 * side: route changes ({@link RouteAdminProcessor}), the KV config ({@link KvConfigTable}, written by the
 * {@code namesrv-metadata-writer} thread), the runtime config ({@link NamesrvConfigProcessor}) and the Prometheus
 * endpoint ({@link RouteMetrics}). Name servers
 * share nothing; every broker registers with each of them.
 *
 * <p>Thread-safe: start and close are meant to be called once each from one thread; the parts it assembles
 * are thread-safe.
 */
public final class NamesrvServer implements Lifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(NamesrvServer.class);

    private final NamesrvConfig config;
    private final RouteTable routes;
    private final RemotingServer server;
    private final BrokerHousekeeper housekeeper;
    private final MetadataWriter metadata = new MetadataWriter("namesrv-metadata-writer");
    private final KvConfigTable kv;
    private final RuntimeConfig runtimeConfig;
    private MetricsEndpoint metrics;
    private boolean closed;

    /** @throws io.apogee.common.config.ConfigException when a key of {@code config} is outside its range */
    public NamesrvServer(NamesrvConfig config) {
        this(config, null);
    }

    /**
     * A name server whose runtime config changes (UPDATE_NAMESRV_CONFIG) are saved to {@code configFile}, the file
     * it was started with (null: none, changes live in memory only).
     *
     * @throws io.apogee.common.config.ConfigException when a key of {@code config} is outside its range
     */
    public NamesrvServer(NamesrvConfig config, Path configFile) {
        ConfigBinder.checkRanges(config);
        this.config = config;
        this.routes = new RouteTable(() -> config.brokerChannelExpiredTime);
        this.server = new RemotingServer(serverSettings(config));
        this.housekeeper = new BrokerHousekeeper(routes, config.scanNotActiveBrokerInterval);
        this.kv = new KvConfigTable(Path.of(config.kvConfigPath), metadata);
        this.runtimeConfig = new RuntimeConfig(configFile, NamesrvConfigProcessor.FIXED_KEYS,
                () -> ConfigBinder.checkRanges(config), config);
        registerProcessors();
    }

    /** The remoting server's settings, from the {@code server*} keys. */
    static ServerSettings serverSettings(NamesrvConfig config) {
        return new ServerSettings("namesrv", config.bindAddress, config.listenPort, config.serverWorkerThreads,
                config.serverWorkerQueueCapacity, config.serverSelectorThreads,
                config.serverChannelMaxIdleTimeSeconds, new ServerSettings.InboundLimits(config.serverMaxFrameLength,
                        config.serverFrameReadTimeoutSeconds, config.serverInboundBufferBudget));
    }

    private void registerProcessors() {
        server.registerProcessor(RequestCode.REGISTER_BROKER, new RegisterBrokerProcessor(routes));
        server.registerProcessor(RequestCode.UNREGISTER_BROKER, new UnregisterBrokerProcessor(routes));
        server.registerProcessor(RequestCode.QUERY_DATA_VERSION, new QueryDataVersionProcessor(routes));
        RouteQueryProcessor queries = new RouteQueryProcessor(routes);
        server.registerProcessor(RequestCode.GET_ROUTEINFO_BY_TOPIC, queries);
        server.registerProcessor(RequestCode.GET_BROKER_CLUSTER_INFO, queries);
        server.registerProcessor(RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER, queries);
        server.registerProcessor(RequestCode.GET_TOPICS_BY_CLUSTER, queries);
        RouteAdminProcessor admin = new RouteAdminProcessor(routes);
        server.registerProcessor(RequestCode.DELETE_TOPIC_IN_NAMESRV, admin);
        server.registerProcessor(RequestCode.WIPE_WRITE_PERM_OF_BROKER, admin);
        server.registerProcessor(RequestCode.ADD_WRITE_PERM_OF_BROKER, admin);
        server.registerProcessor(RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_NS, admin);
        KvConfigProcessor kvRequests = new KvConfigProcessor(kv);
        server.registerProcessor(RequestCode.PUT_KV_CONFIG, kvRequests);
        server.registerProcessor(RequestCode.GET_KV_CONFIG, kvRequests);
        server.registerProcessor(RequestCode.DELETE_KV_CONFIG, kvRequests);
        server.registerProcessor(RequestCode.GET_KVLIST_BY_NAMESPACE, kvRequests);
        NamesrvConfigProcessor configRequests = new NamesrvConfigProcessor(runtimeConfig);
        server.registerProcessor(RequestCode.GET_NAMESRV_CONFIG, configRequests);
        server.registerProcessor(RequestCode.UPDATE_NAMESRV_CONFIG, configRequests);
        server.addListener(housekeeper);
    }

    @Override
    public void start() throws Exception {
        kv.load();
        server.start();
        housekeeper.start();
        if (config.metricsEnable) {
            int port = MetricsEndpoint.port(config.metricsPort, config.listenPort, server.port());
            metrics = new MetricsEndpoint(config.metricsBindAddress, port, config.metricsPort >= 0, null, "namesrv",
                    config.bindAddress + ":" + server.port(), List.of(new RouteMetrics(routes)));
            metrics.start();
            server.requestTimer(metrics.rpcLatency()::record);
        }
        LOG.info("Name server started on port {} (broker expiry {} ms, scan every {} ms)", server.port(),
                config.brokerChannelExpiredTime, config.scanNotActiveBrokerInterval);
    }

    /** The port the server listens on (the chosen one when configured with 0). */
    public int port() {
        return server.port();
    }

    /** The bound port of the Prometheus endpoint, or -1 when {@code metricsEnable} is false. */
    public int metricsPort() {
        return metrics == null ? -1 : metrics.port();
    }

    /** The KV config table, for tests and embedding. */
    public KvConfigTable kvConfig() {
        return kv;
    }

    /** The configuration as admin requests read and change it. */
    public RuntimeConfig runtimeConfig() {
        return runtimeConfig;
    }

    /** The route table, for tests and embedding. */
    public RouteTable routes() {
        return routes;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (metrics != null) {
            metrics.close();
        }
        server.close();
        housekeeper.close();
        metadata.close();
        LOG.info("Name server stopped");
    }
}
