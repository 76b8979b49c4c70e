package io.apogee.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the cost of a (broker) process from Linux procfs.
 *
 * <ul>
 *   <li>{@code /proc/<pid>/stat}: one line; after the command name in parentheses come space-separated fields,
 *       of which field 14 ({@code utime}) and 15 ({@code stime}) are CPU time in clock ticks
 *       ({@code getconf CLK_TCK}, 100 on Linux unless the kernel says otherwise).</li>
 *   <li>{@code /proc/<pid>/status}: {@code Key:\tvalue} lines; {@code VmRSS} is the resident set now and
 *       {@code VmHWM} its peak since start, both in kB.</li>
 * </ul>
 *
 * <p>Thread-safe: immutable.
 */
final class BrokerProbe {

    private final Path proc;
    private final long nanosPerTick;

    BrokerProbe(long pid, int clockTicksPerSecond) {
        this.proc = Path.of("/proc", Long.toString(pid));
        this.nanosPerTick = 1_000_000_000L / clockTicksPerSecond;
        if (!Files.isDirectory(proc)) {
            throw new IllegalArgumentException("--broker-pid " + pid + ": no such process (" + proc + " missing)");
        }
    }

    /** User plus system CPU time of the process so far, in nanoseconds. */
    long cpuNanos() throws IOException {
        String[] fields = statFields();
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * nanosPerTick;
    }

    /** System (kernel) CPU time of the process so far, in nanoseconds. */
    long systemCpuNanos() throws IOException {
        return Long.parseLong(statFields()[12]) * nanosPerTick;
    }

    /** The fields after the command name; [0] is field 3 (state), so utime (14) is [11] and stime (15) [12]. */
    private String[] statFields() throws IOException {
        String stat = Files.readString(proc.resolve("stat"), StandardCharsets.US_ASCII);
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    /** Current resident set size in kB. */
    long rssKb() throws IOException {
        return statusKb("VmRSS:");
    }

    /** Peak resident set size since the process started, in kB. */
    long peakRssKbSinceStart() throws IOException {
        return statusKb("VmHWM:");
    }

    private long statusKb(String key) throws IOException {
        for (String line : Files.readAllLines(proc.resolve("status"), StandardCharsets.US_ASCII)) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.substring(key.length()).replace("kB", "").trim());
            }
        }
        throw new IOException("no " + key + " line in " + proc.resolve("status"));
    }
}
