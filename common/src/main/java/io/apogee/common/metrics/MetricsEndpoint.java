package io.apogee.common.metrics;

import io.apogee.common.Lifecycle;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server's Prometheus endpoint: {@code GET http://<bindAddress>:<port>/metrics} in the Prometheus text format (or
 * OpenMetrics / protobuf, as the scraper asks), {@code /-/healthy} for probes. It serves the JVM's figures
 * ({@code jvm_*}, {@code process_*}), request latencies ({@link RpcLatency}) and whatever the server's
 * {@link MetricsSource}s report, each data point
 * labelled with the node ({@code cluster}, {@code node_type}, {@code node_id}, as Apache RocketMQ 5 labels its
 * OpenTelemetry metrics).
 *
 * <p>Thread-safe for its lifecycle: started and closed by the server's assembling thread; scrapes run on the JDK
 * HTTP server's threads and only call the sources.
 */
public final class MetricsEndpoint implements Lifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsEndpoint.class);
    private static final int PORT_ABOVE_LISTEN_PORT = 3;

    private final String bindAddress;
    private final int port;
    private final Labels node;
    private final List<MetricsSource> sources;
    private final boolean portChosen;
    private final RpcLatency rpcLatency;
    private HTTPServer server;

    /**
     * An endpoint on {@code bindAddress:port} (port 0: a free one) for the node {@code nodeId} of {@code nodeType}
     * ("broker", "namesrv") in {@code cluster} (null for a name server, which serves every cluster: its own data
     * points then label clusters themselves). {@code portChosen}: the user set the port, so failing to bind it
     * fails the start; a derived port that is taken is logged and the server runs without metrics.
     */
    public MetricsEndpoint(String bindAddress, int port, boolean portChosen, String cluster, String nodeType,
                           String nodeId, List<MetricsSource> sources) {
        this.bindAddress = bindAddress;
        this.port = port;
        this.portChosen = portChosen;
        this.node = cluster == null ? Labels.of("node_type", nodeType, "node_id", nodeId)
                : Labels.of("cluster", cluster, "node_type", nodeType, "node_id", nodeId);
        this.sources = List.copyOf(sources);
        this.rpcLatency = new RpcLatency(node);
    }

    /**
     * The port of {@code metricsPort}: itself when 0 or more (0: a free port); -1 means {@code listenPort + 3}, or a
     * free port when the server's own {@code listenPort} was 0 (tests, local clusters on free ports).
     */
    public static int port(int metricsPort, int listenPort, int boundListenPort) {
        if (metricsPort >= 0) {
            return metricsPort;
        }
        return listenPort == 0 ? 0 : boundListenPort + PORT_ABOVE_LISTEN_PORT;
    }

    /** The request-latency histogram the server's remoting layer records into. */
    public RpcLatency rpcLatency() {
        return rpcLatency;
    }

    @Override
    public synchronized void start() {
        PrometheusRegistry registry = new PrometheusRegistry();
        JvmMetrics.builder().register(registry);
        registry.register((MultiCollector) this::collect);
        registry.register(rpcLatency.histogram());
        try {
            server = HTTPServer.builder().hostname(bindAddress).port(port).registry(registry).buildAndStart();
        } catch (IOException e) {
            String problem = "cannot serve metrics on " + bindAddress + ":" + port + " (metricsPort): " + e;
            if (portChosen) {
                throw new UncheckedIOException(problem, e);
            }
            LOG.error("{}; running without metrics. Set metricsPort to a free port, or metricsEnable=false", problem);
            return;
        }
        LOG.info("Metrics for Prometheus at http://{}:{}/metrics", bindAddress, server.getPort());
    }

    private MetricSnapshots collect() {
        Scrape scrape = new Scrape(node);
        for (MetricsSource source : sources) {
            try {
                source.collect(scrape);
            } catch (RuntimeException e) {
                // one failing part must not blank the whole scrape
                LOG.warn("Metrics source {} failed: {}", source.getClass().getSimpleName(), e.toString());
            }
        }
        return scrape.snapshots();
    }

    /** The bound port, or -1 when the endpoint could not bind its derived port. */
    public synchronized int port() {
        return server == null ? -1 : server.getPort();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
