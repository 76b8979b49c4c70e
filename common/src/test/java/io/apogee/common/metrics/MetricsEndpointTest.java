package io.apogee.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsEndpointTest {

    private static final MetricsSource TRAFFIC = scrape -> scrape
            .counter("rocketmq_messages_in", "Messages stored.", 42, "topic", "Orders")
            .counter("rocketmq_messages_in", "Messages stored.", 7, "topic", "Audit")
            .gauge("rocketmq_topic_number", "Topics.", 2);

    @Test
    void shouldServeTheSourcesFiguresWithTheNodeLabelsAndTheJvms() throws Exception {
        try (MetricsEndpoint endpoint = new MetricsEndpoint("127.0.0.1", 0, true, "DefaultCluster", "broker",
                "broker-a", List.of(TRAFFIC))) {
            endpoint.start();

            String text = get(endpoint.port());

            assertThat(sample(text, "rocketmq_messages_in_total", "cluster", "DefaultCluster", "node_type", "broker",
                    "node_id", "broker-a", "topic", "Orders")).isEqualTo("42.0");
            assertThat(sample(text, "rocketmq_messages_in_total", "topic", "Audit")).isEqualTo("7.0");
            assertThat(text).contains("# TYPE rocketmq_topic_number gauge").contains("jvm_memory_used_bytes");
        }
    }

    @Test
    void shouldCountRequestLatenciesInApachesBuckets() throws Exception {
        try (MetricsEndpoint endpoint = new MetricsEndpoint("127.0.0.1", 0, true, "c", "broker", "b", List.of())) {
            endpoint.start();
            endpoint.rpcLatency().record(310, 0, 2_000_000);
            endpoint.rpcLatency().record(310, 0, 4_000_000);
            endpoint.rpcLatency().record(11, 19, 500_000_000);
            endpoint.rpcLatency().record(200052, 0, 1_000_000);

            String text = get(endpoint.port());

            assertThat(sample(text, "rocketmq_rpc_latency_bucket", "le", "3.0", "request_code", "310",
                    "response_code", "0", "node_id", "b", "protocol_type", "remoting")).isEqualTo("1");
            assertThat(sample(text, "rocketmq_rpc_latency_bucket", "le", "5.0", "request_code", "310",
                    "response_code", "0")).isEqualTo("2");
            assertThat(sample(text, "rocketmq_rpc_latency_bucket", "le", "1000.0", "request_code", "11",
                    "response_code", "19")).isEqualTo("1");
            assertThat(sample(text, "rocketmq_rpc_latency_count", "request_code", "200052")).isEqualTo("1");
        }
    }

    @Test
    void shouldKeepServingTheOtherSourcesWhenOneFails() throws Exception {
        MetricsSource broken = scrape -> {
            throw new IllegalStateException("table closed");
        };
        try (MetricsEndpoint endpoint = new MetricsEndpoint("127.0.0.1", 0, true, null, "namesrv", "ns-1",
                List.of(broken, TRAFFIC))) {
            endpoint.start();

            String text = get(endpoint.port());

            assertThat(sample(text, "rocketmq_messages_in_total", "node_type", "namesrv", "topic", "Orders"))
                    .isEqualTo("42.0");
            assertThat(text).doesNotContain("cluster=");
        }
    }

    @Test
    void shouldRefuseToStartOnAChosenPortThatIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0);
             MetricsEndpoint endpoint = new MetricsEndpoint("127.0.0.1", taken.getLocalPort(), true, "c", "broker",
                     "b", List.of(TRAFFIC))) {
            assertThatThrownBy(endpoint::start).isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("metricsPort").hasMessageContaining(":" + taken.getLocalPort());
        }
    }

    @Test
    void shouldRunWithoutMetricsWhenADerivedPortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0);
             MetricsEndpoint endpoint = new MetricsEndpoint("127.0.0.1", taken.getLocalPort(), false, "c", "broker",
                     "b", List.of(TRAFFIC))) {
            endpoint.start();

            assertThat(endpoint.port()).isEqualTo(-1);
        }
    }

    @Test
    void shouldDeriveThePortFromTheListenPortUnlessOneIsChosen() {
        assertThat(MetricsEndpoint.port(-1, 10911, 10911)).isEqualTo(10914);
        assertThat(MetricsEndpoint.port(-1, 0, 40123)).isZero();
        assertThat(MetricsEndpoint.port(5557, 10911, 10911)).isEqualTo(5557);
        assertThat(MetricsEndpoint.port(0, 10911, 10911)).isZero();
    }

    @Test
    void shouldRejectAMetricReportedAsBothKinds() {
        Scrape scrape = new Scrape(io.prometheus.metrics.model.snapshots.Labels.EMPTY).counter("x", "x", 1);

        assertThatThrownBy(() -> scrape.gauge("x", "x", 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x");
    }

    /** The value of the one sample of {@code name} carrying all the label pairs, as written. */
    private static String sample(String text, String name, String... labels) {
        List<String> found = text.lines().filter(line -> line.startsWith(name + "{")).filter(line -> {
            for (int i = 0; i < labels.length; i += 2) {
                if (!line.contains(labels[i] + "=\"" + labels[i + 1] + "\"")) {
                    return false;
                }
            }
            return true;
        }).map(line -> line.substring(line.lastIndexOf(' ') + 1)).toList();
        assertThat(found).as(name + " " + String.join(",", labels) + " in:%n" + text).hasSize(1);
        return found.get(0);
    }

    private static String get(int port) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
