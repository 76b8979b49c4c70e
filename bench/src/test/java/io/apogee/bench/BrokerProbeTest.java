package io.apogee.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BrokerProbeTest {

    private final BrokerProbe self = new BrokerProbe(ProcessHandle.current().pid(), 100);

    @Test
    void shouldSeeCpuTimeGrowWhileThisProcessWorks() throws Exception {
        long before = self.cpuNanos();
        long deadline = System.nanoTime() + 300_000_000L;
        long sink = 0;
        while (System.nanoTime() < deadline) {
            sink += Long.numberOfTrailingZeros(sink + System.nanoTime());
        }
        assertThat(sink).isNotNegative();
        assertThat(self.cpuNanos()).isGreaterThan(before);
    }

    @Test
    void shouldReadResidentSetSizes() throws Exception {
        assertThat(self.rssKb()).isPositive();
        assertThat(self.peakRssKbSinceStart()).isGreaterThanOrEqualTo(self.rssKb() / 2);
    }

    @Test
    void shouldRejectAMissingProcess() {
        assertThatThrownBy(() -> new BrokerProbe(Integer.MAX_VALUE, 100))
                .hasMessageContaining(Integer.toString(Integer.MAX_VALUE));
    }
}
