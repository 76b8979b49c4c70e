package io.apogee.broker.registration;

import io.apogee.common.DaemonScheduler;
import io.apogee.broker.config.BrokerAddress;
import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.topic.TopicChangeListener;
import io.apogee.broker.topic.TopicTable;
import io.apogee.common.Lifecycle;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemotingClient;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.RegisterBrokerBody;
import io.apogee.remoting.body.TopicConfig;
import io.apogee.remoting.body.TopicConfigSerializeWrapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every name server of {@code namesrvAddr} (';'-separated) informed about this broker: a full
 * REGISTER_BROKER at start and every {@code registerNameServerPeriod} ms, an incremental one carrying only the
 * changed topics whenever a topic is created or updated, and UNREGISTER_BROKER at close. A slave takes its
 * master's HA address from the answers ({@code haServerAddr}, filled by the name server while the master is
 * registered), and registers every {@value #MASTERLESS_RETRY_MILLIS} ms while no answer names a master. A failure is
 * logged (one line per name server) and never stops the broker. While {@code brokerPermission} withholds read or write,
 * every registered topic's permission is masked with it (Apache's rule), so routes show the broker read-only or
 * write-only.
 *
 * <p>Thread-safe: requests go out asynchronously through a thread-safe {@link RemotingClient}; the periodic
 * task runs on a single scheduler thread; start and close are called once by the owning server.
 */
public final class NameServerRegistrar implements Lifecycle, TopicChangeListener {

    /** Told a slave's master, as the name server knows it. Called on the registrar's I/O threads. */
    @FunctionalInterface
    public interface MasterListener {
        /**
         * @param masterAddr   the master's client-facing {@code ip:port}
         * @param haServerAddr the master's HA {@code ip:port} (may be null)
         */
        void master(String masterAddr, String haServerAddr);
    }

    private static final Logger LOG = LoggerFactory.getLogger(NameServerRegistrar.class);
    /** A slave without a known master registers this often until an answer names one. */
    static final long MASTERLESS_RETRY_MILLIS = 3_000;

    private final BrokerConfig config;
    private final TopicTable topics;
    private final List<String> nameServers;
    private final RegistrationHeaders headers;
    private final long timeoutMillis;
    private final RemotingClient client = new RemotingClient("broker-registrar");
    private final ScheduledExecutorService timer = DaemonScheduler.named("broker-registrar-timer");
    private final MasterListener masterListener;
    /** Slave: whether the last answer named a master; until one does, it registers every few seconds. */
    private volatile boolean masterKnown;
    private volatile boolean closed;

    /**
     * @param haPort          this broker's HA port (-1 for a slave), registered as {@code haServerAddr}
     * @param masterListener  told the master's addresses from each registration answer (slaves)
     */
    public NameServerRegistrar(BrokerConfig config, BrokerAddress address, int haPort, TopicTable topics,
                               MasterListener masterListener) {
        this.config = config;
        this.topics = topics;
        this.masterListener = masterListener;
        this.nameServers = parse(config.namesrvAddr);
        this.headers = new RegistrationHeaders(config, address, haPort);
        this.timeoutMillis = config.registerBrokerTimeoutMills;
    }

    static List<String> parse(String namesrvAddr) {
        List<String> result = new ArrayList<>();
        if (namesrvAddr == null) {
            return result;
        }
        Arrays.stream(namesrvAddr.split(";")).map(String::trim).filter(s -> !s.isEmpty()).forEach(result::add);
        return result;
    }

    /** Registers the full table now and schedules the periodic registration. */
    @Override
    /**
     * Registers with every name server and waits (at most {@code registerBrokerTimeoutMills}) until each one
     * answered or failed, so that once the broker reports "boot success" clients can already route to it.
     */
    public void start() throws InterruptedException {
        try {
            registerAll().get(config.registerBrokerTimeoutMills, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("first registration with name servers {} did not complete: {}", config.namesrvAddr, e.toString());
        }
        long period = Math.max(10_000, Math.min(60_000, config.registerNameServerPeriod));
        timer.scheduleAtFixedRate(this::registerAllSafely, period, period, TimeUnit.MILLISECONDS);
        if (config.brokerId != 0) {
            // a slave started before its master (or whose master restarted) learns it within seconds, not a period
            timer.scheduleWithFixedDelay(() -> {
                if (!masterKnown) {
                    registerAllSafely();
                }
            }, MASTERLESS_RETRY_MILLIS, MASTERLESS_RETRY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void registerAllSafely() {
        try {
            registerAll();
        } catch (Throwable t) {
            LOG.warn("Periodic registration failed: {}", t.toString());
        }
    }

    /** Sends the whole topic table to every name server; completes when all answered or failed. */
    public CompletableFuture<Void> registerAll() {
        return send(topics.snapshot());
    }

    /** Registers just the changed topics (with the table's new data version) with every name server. */
    @Override
    public CompletableFuture<Void> onTopicsChanged(List<TopicConfig> changed) {
        return send(topics.snapshotOf(changed));
    }

    private CompletableFuture<Void> send(TopicConfigSerializeWrapper table) {
        if (closed || nameServers.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        RegisterBrokerBody body = new RegisterBrokerBody();
        body.topicConfigSerializeWrapper = masked(table);
        byte[] bytes = JsonCodec.encode(body);
        CompletableFuture<?>[] all = new CompletableFuture<?>[nameServers.size()];
        for (int i = 0; i < all.length; i++) {
            String ns = nameServers.get(i);
            all[i] = call(ns, headers.register(bytes), "register " + table.topicConfigTable.size() + " topics");
        }
        return CompletableFuture.allOf(all);
    }

    /** The table with every permission masked by {@code brokerPermission}, unless that grants read and write. */
    private TopicConfigSerializeWrapper masked(TopicConfigSerializeWrapper table) {
        int permission = config.brokerPermission;
        int readWrite = TopicConfig.PERM_READ | TopicConfig.PERM_WRITE;
        if ((permission & readWrite) == readWrite) {
            return table;
        }
        TopicConfigSerializeWrapper copy = new TopicConfigSerializeWrapper();
        copy.dataVersion = table.dataVersion;
        table.topicConfigTable.forEach((name, topic) -> {
            TopicConfig masked = topic.copy();
            masked.perm = topic.perm & permission;
            copy.topicConfigTable.put(name, masked);
        });
        return copy;
    }

    private CompletableFuture<Void> call(String ns, RemotingCommand request, String what) {
        CompletableFuture<RemotingCommand> response;
        try {
            response = client.invokeAsync(ns, request, timeoutMillis);
        } catch (RuntimeException e) {
            LOG.warn("Could not {} with name server {}: {}", what, ns, e.toString());
            return CompletableFuture.completedFuture(null);
        }
        return response.handle((r, error) -> {
            if (error != null) {
                LOG.warn("Could not {} with name server {}: {}", what, ns, error.toString());
            } else if (r.code() != ResponseCode.SUCCESS) {
                LOG.warn("Name server {} refused to {}: code {} {}", ns, what, r.code(), r.remark());
            } else if (config.brokerId != 0) {
                masterKnown = r.ext("masterAddr") != null;
                if (masterKnown) {
                    masterListener.master(r.ext("masterAddr"), r.ext("haServerAddr"));
                }
            }
            return null;
        });
    }

    /** Stops the periodic registration, unregisters from every name server (bounded wait) and closes the client. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        timer.shutdownNow();
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (String ns : nameServers) {
            pending.add(call(ns, headers.unregister(), "unregister"));
        }
        closed = true;
        try {
            CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0]))
                    .get(timeoutMillis + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("Unregistering from name servers did not finish: {}", e.toString());
        }
        client.close();
    }
}
