package io.apogee.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The real disk-usage reader against the partition of a temp directory. */
class DiskUsageTest {

    @TempDir
    Path dir;

    @Test
    void shouldReadThePartitionUsageAsAPercentage() throws Exception {
        DiskUsage.Reading r = DiskUsage.fileStore().read(dir);

        assertThat(r.totalBytes()).isPositive();
        assertThat(r.usedBytes()).isBetween(0L, r.totalBytes());
        assertThat(r.percent()).isBetween(0.0, 100.0);
        assertThat(new DiskUsage.Reading(80, 100).minus(30).percent()).isEqualTo(50.0);
    }
}
