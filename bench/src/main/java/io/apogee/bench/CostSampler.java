package io.apogee.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples what a measured window costs: the broker process's CPU time at the start and the end and its
 * resident set every 100 ms for the peak (only with {@code --broker-pid}), this load tool's own CPU time
 * (the client competes with the broker for the same cores), and the whole machine's busy share.
 *
 * <p>Thread-safe: {@link #begin()} and {@link #end(long, BenchReport)} are called by the scenario's main
 * thread; the sampling thread only writes {@code peakRssKb}, which is volatile.
 */
final class CostSampler {

    private static final Logger LOG = LoggerFactory.getLogger(CostSampler.class);
    private static final long SAMPLE_MILLIS = 100;

    private final BrokerProbe broker;
    private final BrokerProbe client;
    private final SlaveLagSampler slaveLag;
    private long brokerCpuAtStart;
    private long brokerSysAtStart;
    private long clientCpuAtStart;
    private long[] hostAtStart;
    private long rssAtStart;
    private volatile long peakRssKb;
    private volatile boolean running;
    private Thread thread;

    CostSampler(Long brokerPid, int clockTicksPerSecond, SlaveLagSampler slaveLag) {
        this.broker = brokerPid == null ? null : new BrokerProbe(brokerPid, clockTicksPerSecond);
        this.client = new BrokerProbe(ProcessHandle.current().pid(), clockTicksPerSecond);
        this.slaveLag = slaveLag;
    }

    void begin() {
        if (slaveLag != null) {
            slaveLag.begin();
        }
        try {
            clientCpuAtStart = client.cpuNanos();
            hostAtStart = HostProbe.ticks();
            if (broker == null) {
                return;
            }
            rssAtStart = broker.rssKb();
            peakRssKb = rssAtStart;
            brokerCpuAtStart = broker.cpuNanos();
            brokerSysAtStart = broker.systemCpuNanos();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        running = true;
        thread = new Thread(this::sampleLoop, "bench-broker-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Ends the window and reports CPU per message (µs) over {@code messages}, RSS and host figures, then the
     * slave lag figures (after the CPU reading, since they wait for the slave to catch up).
     */
    void end(long messages, BenchReport report) throws Exception {
        endCost(messages, report);
        if (slaveLag != null) {
            slaveLag.end(report);
        }
    }

    private void endCost(long messages, BenchReport report) throws InterruptedException {
        try {
            long clientCpu = client.cpuNanos() - clientCpuAtStart;
            long[] host = HostProbe.ticks();
            report.put("client.cpu.us.per.msg", perMessage(clientCpu, messages));
            long total = host[1] - hostAtStart[1];
            report.put("host.cpu.busy.pct", total == 0 ? 0.0 : 100.0 * (host[0] - hostAtStart[0]) / total);
            if (broker == null) {
                return;
            }
            running = false;
            thread.join();
            long brokerCpu = broker.cpuNanos() - brokerCpuAtStart;
            report.put("broker.cpu.seconds", brokerCpu / 1e9);
            report.put("broker.cpu.us.per.msg", perMessage(brokerCpu, messages));
            long brokerSys = broker.systemCpuNanos() - brokerSysAtStart;
            report.put("broker.cpu.kernel.pct", brokerCpu == 0 ? 0.0 : 100.0 * brokerSys / brokerCpu);
            report.put("broker.rss.start.mib", rssAtStart / 1024.0);
            report.put("broker.rss.peak.mib", Math.max(peakRssKb, broker.rssKb()) / 1024.0);
            report.put("broker.rss.hwm.mib", broker.peakRssKbSinceStart() / 1024.0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double perMessage(long nanos, long messages) {
        return messages == 0 ? 0.0 : nanos / 1000.0 / messages;
    }

    private void sampleLoop() {
        try {
            while (running) {
                long rss = broker.rssKb();
                if (rss > peakRssKb) {
                    peakRssKb = rss;
                }
                Thread.sleep(SAMPLE_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            LOG.warn("broker sampling stopped: {}", t.toString());
        }
    }
}
