package io.apogee.distribution;

import io.apogee.broker.BrokerServer;
import io.apogee.broker.config.BrokerConfig;
import io.apogee.common.Lifecycle;
import io.apogee.console.ConsoleConfig;
import io.apogee.console.ConsoleServer;
import io.apogee.namesrv.NamesrvConfig;
import io.apogee.namesrv.NamesrvServer;
import io.apogee.store.MessageStoreConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A name server and a broker in one process: the name server starts first, then the broker, which registers
 * with it (its {@code namesrvAddr} is replaced by {@link #namesrvAddress()}), then the web console if one was
 * asked for ({@link #console(ConsoleConfig)}). A console that cannot start (its port is taken) is logged and left
 * out: the broker keeps running. Closing stops the console, then the broker (it flushes and writes its
 * checkpoint), then the name server. Used by {@code apogee standalone} and by integration tests, which pass port 0
 * everywhere.
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
    private ConsoleConfig consoleConfig;
    private ConsoleServer console;
    private String consoleProblem = "";
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
            startConsole();
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    private void startConsole() {
        if (consoleConfig == null || !consoleConfig.consoleEnable) {
            return;
        }
        ConsoleServer server = new ConsoleServer(consoleConfig, List.of(namesrvAddress()));
        try {
            server.start();
            console = server;
        } catch (Exception e) {
            server.close();
            consoleProblem = "The console did not start (" + e.getMessage() + "); set consolePort to a free port, "
                    + "or consoleEnable=false";
            LOG.error(consoleProblem, e);
        }
    }

    /** Also runs the web console with {@code config} (when its {@code consoleEnable} is on). */
    public synchronized Standalone console(ConsoleConfig config) {
        this.consoleConfig = config;
        return this;
    }

    /** The running console; empty when none was asked for or it failed to start ({@link #consoleProblem()}). */
    public synchronized Optional<ConsoleServer> console() {
        return Optional.ofNullable(console);
    }

    /** Why the console asked for is not running; empty when it runs or was not asked for. */
    public synchronized String consoleProblem() {
        return consoleProblem;
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
        if (console != null) {
            console.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (namesrv != null) {
            namesrv.close();
        }
    }
}
