package io.apogee.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.apache.rocketmq.client.impl.MQClientAPIImpl;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.remoting.protocol.route.BrokerData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replication lag of a master/slave broker group under load ({@code --slave-lag}): every 100 ms of the measured
 * window it reads {@code commitLogMaxOffset} from the slave's, then the master's GET_BROKER_RUNTIME_INFO (28),
 * and records master − slave in bytes. Reading the slave first makes each sample an upper bound (the master
 * may have grown in between, never the slave past the master). After the window, it waits for the slave to
 * reach the master's offset of that moment and reports how long that took ({@code slave.catchup.ms}).
 *
 * <p>The group is found in the name server's cluster info (GET_BROKER_CLUSTER_INFO, 106): the first broker name
 * with both a brokerId 0 and a brokerId 1 address. Both servers answer these requests alike, so the same code
 * measures Apogee and Apache RocketMQ.
 *
 * <p>Thread-safe: {@link #begin()} and {@link #end(BenchReport)} run on the scenario's main thread; the sampling
 * thread alone writes the histogram until {@code end} has joined it.
 */
final class SlaveLagSampler {

    private static final Logger LOG = LoggerFactory.getLogger(SlaveLagSampler.class);
    private static final long SAMPLE_MILLIS = 100;
    private static final long RPC_TIMEOUT_MILLIS = 3_000;
    private static final long FIND_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final long CATCH_UP_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final MQClientAPIImpl api;
    private final String master;
    private final String slave;
    private final Histogram lagBytes = new Histogram(3);
    private volatile boolean running;
    private volatile String failure;
    private Thread thread;

    private SlaveLagSampler(MQClientAPIImpl api, String master, String slave) {
        this.api = api;
        this.master = master;
        this.slave = slave;
    }

    /** Finds the first broker group with a slave; fails naming what the name server listed after 30 s. */
    @SuppressWarnings("deprecation") // the client marks its implementation accessor deprecated; we only read it
    static SlaveLagSampler find(DefaultMQProducer producer) throws Exception {
        MQClientAPIImpl api = producer.getDefaultMQProducerImpl().getMqClientFactory().getMQClientAPIImpl();
        long deadline = System.nanoTime() + FIND_TIMEOUT_NANOS;
        String seen = "nothing";
        while (System.nanoTime() < deadline) {
            Map<String, BrokerData> groups = api.getBrokerClusterInfo(RPC_TIMEOUT_MILLIS).getBrokerAddrTable();
            for (BrokerData group : groups.values()) {
                Map<Long, String> addrs = group.getBrokerAddrs();
                if (addrs.containsKey(0L) && addrs.containsKey(1L)) {
                    return new SlaveLagSampler(api, addrs.get(0L), addrs.get(1L));
                }
            }
            seen = groups.toString();
            TimeUnit.MILLISECONDS.sleep(200);
        }
        throw new IllegalStateException("--slave-lag: no broker group with a master (brokerId 0) and a slave "
                + "(brokerId 1) registered within 30 s; the name server lists " + seen);
    }

    void begin() {
        running = true;
        thread = new Thread(this::sampleLoop, "bench-slave-lag");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops sampling, waits for the slave to catch up, and puts the lag figures into the report. */
    void end(BenchReport report) throws Exception {
        running = false;
        thread.join();
        long target = maxOffset(master);
        long start = System.nanoTime();
        long behind = target - maxOffset(slave);
        while (behind > 0 && System.nanoTime() - start < CATCH_UP_TIMEOUT_NANOS) {
            TimeUnit.MILLISECONDS.sleep(5);
            behind = target - maxOffset(slave);
        }
        report.put("slave.lag.samples", lagBytes.getTotalCount());
        report.put("slave.lag.p50.kib", lagBytes.getValueAtPercentile(50) / 1024.0);
        report.put("slave.lag.p99.kib", lagBytes.getValueAtPercentile(99) / 1024.0);
        report.put("slave.lag.max.kib", lagBytes.getMaxValue() / 1024.0);
        report.put("slave.catchup.ms", behind > 0 ? -1 : (System.nanoTime() - start) / 1e6);
        if (failure != null) {
            report.fail("slave lag sampling failed: " + failure);
        } else if (behind > 0) {
            report.fail("slave still " + behind + " bytes behind the master 30 s after the window");
        }
    }

    private void sampleLoop() {
        try {
            while (running) {
                long slaveOffset = maxOffset(slave);
                long masterOffset = maxOffset(master);
                lagBytes.recordValue(Math.max(0, masterOffset - slaveOffset));
                TimeUnit.MILLISECONDS.sleep(SAMPLE_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            LOG.warn("slave lag sampling stopped", t);
            failure = t.toString();
        }
    }

    private long maxOffset(String addr) throws Exception {
        String value = api.getBrokerRuntimeInfo(addr, RPC_TIMEOUT_MILLIS).getTable().get("commitLogMaxOffset");
        if (value == null) {
            throw new IllegalStateException(addr + " reports no commitLogMaxOffset in its runtime info");
        }
        return Long.parseLong(value);
    }
}
