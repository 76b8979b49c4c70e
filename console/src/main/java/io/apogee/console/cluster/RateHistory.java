package io.apogee.console.cluster;

import io.apogee.remoting.body.BrokerData;
import io.apogee.remoting.body.ClusterInfo;
import io.apogee.remoting.body.KeyValueTable;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The put and get rates of the whole cluster over the last hour, for the overview's chart: every
 * {@value #INTERVAL_SECONDS} s one sample, the sum over every broker of the first (10 s) figure of its
 * {@code putTps} and {@code getTransferedTps} (GET_BROKER_RUNTIME_INFO), at most {@value #CAPACITY} samples kept.
 * A broker that does not answer adds nothing to that sample.
 *
 * <p>Thread-safe: one daemon thread samples; {@link #samples()} copies under the same lock.
 */
public final class RateHistory implements AutoCloseable {

    static final int INTERVAL_SECONDS = 10;
    static final int CAPACITY = 3600 / INTERVAL_SECONDS;
    private static final Logger LOG = LoggerFactory.getLogger(RateHistory.class);

    /** One point of the chart: epoch seconds, messages put and got per second. */
    public record Sample(long epochSecond, double putTps, double getTps) {
    }

    private final AdminClient admin;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "console-rates");
        thread.setDaemon(true);
        return thread;
    });
    private final ArrayList<Sample> samples = new ArrayList<>();

    public RateHistory(AdminClient admin) {
        this.admin = admin;
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::sampleSafely, 0, INTERVAL_SECONDS, TimeUnit.SECONDS);
    }

    /** The samples, oldest first. */
    public synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    private void sampleSafely() {
        try {
            sample();
        } catch (RuntimeException | AdminException e) {
            LOG.debug("Rate sample skipped: {}", e.getMessage());
        }
    }

    void sample() throws AdminException {
        ClusterInfo info = admin.clusterInfo();
        double put = 0;
        double get = 0;
        for (BrokerData group : info.brokerAddrTable.values()) {
            for (String addr : group.brokerAddrs.values()) {
                try {
                    KeyValueTable runtime = admin.runtimeInfo(addr);
                    put += firstRate(runtime.table.get("putTps"));
                    get += firstRate(runtime.table.get("getTransferedTps"));
                } catch (AdminException e) {
                    LOG.debug("Broker {} skipped in the rate sample: {}", addr, e.getMessage());
                }
            }
        }
        add(new Sample(System.currentTimeMillis() / 1000, put, get));
    }

    synchronized void add(Sample sample) {
        if (samples.size() == CAPACITY) {
            samples.remove(0);
        }
        samples.add(sample);
    }

    /** The first number of a "10s 1min 10min" rate triple; 0 when absent or not a number. */
    static double firstRate(String triple) {
        if (triple == null || triple.isBlank()) {
            return 0;
        }
        try {
            return Double.parseDouble(triple.trim().split("\\s+")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
