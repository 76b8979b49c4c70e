package io.apogee.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whole-machine CPU use from {@code /proc/stat}: its first line is {@code cpu  user nice system idle iowait irq
 * softirq steal ...} in clock ticks summed over all CPUs. Busy = everything but idle and iowait.
 *
 * <p>Thread-safe: stateless.
 */
final class HostProbe {

    private static final Path STAT = Path.of("/proc/stat");

    private HostProbe() {
    }

    /** {busy ticks, total ticks} since boot. */
    static long[] ticks() throws IOException {
        String first = Files.readAllLines(STAT, StandardCharsets.US_ASCII).get(0);
        String[] f = first.trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < Math.min(f.length, 9); i++) {
            total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
        return new long[] {total - idle, total};
    }
}
