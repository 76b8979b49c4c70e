package io.apogee.distribution;

import io.apogee.broker.BrokerServer;
import io.apogee.common.Lifecycle;
import io.apogee.namesrv.NamesrvConfig;
import io.apogee.namesrv.NamesrvServer;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A name server and broker groups in one process ({@code apogee cluster}): the name server starts first, then the
 * brokers in the order given (masters before slaves, so a slave's first registration already names its master),
 * each registered with the embedded name server only. Closing stops the brokers in reverse order (slaves first, so
 * no slave reconnects to a master that is going away), then the name server. A failed start closes what started.
 *
 * <p>Thread-safe: {@link #start()}, {@link #close()} and the accessors are synchronized, so a shutdown hook may close
 * it while another thread started it.
 */
final class LocalCluster implements Lifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(LocalCluster.class);

    private final NamesrvConfig namesrvConfig;
    private final List<BrokerSetup> setups;
    private final List<BrokerServer> brokers = new ArrayList<>();
    private NamesrvServer namesrv;
    private boolean closed;

    LocalCluster(NamesrvConfig namesrvConfig, List<BrokerSetup> setups) {
        this.namesrvConfig = namesrvConfig;
        this.setups = List.copyOf(setups);
    }

    @Override
    public synchronized void start() throws Exception {
        if (namesrv != null || closed) {
            throw new IllegalStateException("a LocalCluster starts once");
        }
        try {
            namesrv = new NamesrvServer(namesrvConfig);
            namesrv.start();
            for (BrokerSetup setup : setups) {
                setup.broker().namesrvAddr = namesrvAddress();
                BrokerServer broker = new BrokerServer(setup.broker(), setup.store());
                brokers.add(broker);
                broker.start();
            }
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    /** "127.0.0.1:port" of the embedded name server; only after {@link #start()}. */
    synchronized String namesrvAddress() {
        if (namesrv == null) {
            throw new IllegalStateException("not started");
        }
        return "127.0.0.1:" + namesrv.port();
    }

    /** The embedded name server; null before {@link #start()}. */
    synchronized NamesrvServer namesrv() {
        return namesrv;
    }

    /** The setups, in starting order. */
    List<BrokerSetup> setups() {
        return setups;
    }

    /** The brokers started so far, in the order of {@link #setups()}. */
    synchronized List<BrokerServer> brokers() {
        return List.copyOf(brokers);
    }

    /** Closes the brokers, slaves first, then the name server. Safe to call more than once. */
    @Override
    public synchronized void close() {
        closed = true;
        for (int i = brokers.size() - 1; i >= 0; i--) {
            brokers.get(i).close();
        }
        if (namesrv != null) {
            namesrv.close();
        }
        LOG.info("cluster of {} brokers stopped", brokers.size());
    }
}
