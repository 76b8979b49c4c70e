package io.apogee.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The JMH annotation processor ran: the benchmark list ships with the module, so {@code bench jmh} finds them. */
class JmhBenchmarkListTest {

    @Test
    void shouldGenerateTheBenchmarkList() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/META-INF/BenchmarkList")) {
            assertThat(in).isNotNull();
            String list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(list).contains("FrameCodecBenchmark", "StoreBenchmark", "PullEncodeBenchmark");
        }
    }
}
