package io.apogee.namesrv;

import io.apogee.common.Lifecycle;
import io.apogee.common.config.ConfigBinder;
import io.apogee.remoting.RemotingServer;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ServerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A name server: a {@link RemotingServer} answering route requests from a {@link RouteTable} that brokers fill
 * by registering, plus the {@link BrokerHousekeeper} that drops silent or disconnected brokers. Name servers
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
    private boolean closed;

    /** @throws io.apogee.common.config.ConfigException when a key of {@code config} is outside its range */
    public NamesrvServer(NamesrvConfig config) {
        ConfigBinder.checkRanges(config);
        this.config = config;
        this.routes = new RouteTable(config.brokerChannelExpiredTime);
        this.server = new RemotingServer(serverSettings(config));
        this.housekeeper = new BrokerHousekeeper(routes, config.scanNotActiveBrokerInterval);
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
        server.addListener(housekeeper);
    }

    @Override
    public void start() throws Exception {
        server.start();
        housekeeper.start();
        LOG.info("Name server started on port {} (broker expiry {} ms, scan every {} ms)", server.port(),
                config.brokerChannelExpiredTime, config.scanNotActiveBrokerInterval);
    }

    /** The port the server listens on (the chosen one when configured with 0). */
    public int port() {
        return server.port();
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
        server.close();
        housekeeper.close();
        LOG.info("Name server stopped");
    }
}
