package io.apogee.distribution;

import io.apogee.broker.BrokerServer;
import io.apogee.broker.config.BrokerConfig;
import io.apogee.common.Lifecycle;
import io.apogee.namesrv.NamesrvConfig;
import io.apogee.namesrv.NamesrvServer;
import io.apogee.store.MessageStoreConfig;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A name server and a broker in one process: the name server starts first, then the broker, which registers
 * with it (its {@code namesrvAddr} is replaced by {@link #namesrvAddress()}). Closing stops the broker first
 * (it flushes and writes its checkpoint), then the name server. Used by {@code apogee standalone} and by
 * integration tests, which pass port 0 everywhere.
 *
 * <p>Thread-safe: {@link #start()} and {@link #close()} are synchronized, so a shutdown hook may close it while
 * another thread started it.
 */
public final class Standalone implements Lifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(Standalone.class);

    private final NamesrvConfig namesrvConfig;
    private final BrokerConfig brokerConfig;
    private final MessageStoreConfig storeConfig;
    private NamesrvServer namesrv;
    private BrokerServer broker;
    private Path brokerConfigFile;
    private boolean closed;

    public Standalone(NamesrvConfig namesrvConfig, BrokerConfig brokerConfig, MessageStoreConfig storeConfig) {
        this.namesrvConfig = namesrvConfig;
        this.brokerConfig = brokerConfig;
        this.storeConfig = storeConfig;
    }

    @Override
    public synchronized void start() throws Exception {
        if (namesrv != null || closed) {
            throw new IllegalStateException("a Standalone starts once");
        }
        try {
            namesrv = new NamesrvServer(namesrvConfig);
            namesrv.start();
            String own = namesrvAddress();
            if (!brokerConfig.namesrvAddr.isBlank() && !brokerConfig.namesrvAddr.equals(own)) {
                LOG.warn("Standalone mode: namesrvAddr '{}' replaced by the embedded name server {}",
                        brokerConfig.namesrvAddr, own);
            }
            brokerConfig.namesrvAddr = own;
            broker = new BrokerServer(brokerConfig, storeConfig).configFile(brokerConfigFile);
            broker.start();
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    /** The broker's config file ({@code -c}), which UPDATE_BROKER_CONFIG rewrites; null for none. */
    public synchronized Standalone brokerConfigFile(Path file) {
        this.brokerConfigFile = file;
        return this;
    }

    /** "127.0.0.1:port" of the embedded name server; only after {@link #start()}. */
    public synchronized String namesrvAddress() {
        if (namesrv == null) {
            throw new IllegalStateException("not started");
        }
        return "127.0.0.1:" + namesrv.port();
    }

    /** The embedded broker; null before {@link #start()}. */
    public synchronized BrokerServer broker() {
        return broker;
    }

    /** The embedded name server; null before {@link #start()}. */
    public synchronized NamesrvServer namesrv() {
        return namesrv;
    }

    /** Closes the broker, then the name server. Safe to call more than once. */
    @Override
    public synchronized void close() {
        closed = true;
        if (broker != null) {
            broker.close();
        }
        if (namesrv != null) {
            namesrv.close();
        }
    }
}
