package io.apogee.bench;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Options every scenario takes. Every run is bounded: in time ({@code --warmup} + {@code --duration}, plus a
 * bounded drain or grace period) and in count ({@code --max-messages}). The name server must be on the
 * loopback interface: the tool never loads a remote machine.
 *
 * <p>Not thread-safe: filled by picocli, then read-only.
 */
final class CommonOptions {

    @Option(names = {"-n", "--namesrv"}, required = true, paramLabel = "HOST:PORT",
            description = "Name server address; must be 127.0.0.1 or localhost.")
    String namesrv;

    @Option(names = "--topic", paramLabel = "NAME",
            description = "Topic to use; default: a fresh topic per run (bench_<scenario>_<millis>).")
    String topic;

    @Option(names = "--queues", defaultValue = "8", description = "Queues of the topic (default: ${DEFAULT-VALUE}).")
    int queues;

    @Option(names = "--body-size", defaultValue = "1024",
            description = "Message body bytes (default: ${DEFAULT-VALUE}).")
    int bodySize;

    @Option(names = "--warmup", defaultValue = "5", paramLabel = "SECONDS",
            description = "Warm-up before the measured window (default: ${DEFAULT-VALUE}).")
    double warmupSeconds;

    @Option(names = "--duration", defaultValue = "20", paramLabel = "SECONDS",
            description = "Length of the measured window (default: ${DEFAULT-VALUE}).")
    double durationSeconds;

    @Option(names = "--max-messages", defaultValue = "10000000",
            description = "Ends the measured window early after this many messages (default: ${DEFAULT-VALUE}).")
    long maxMessages;

    @Option(names = "--send-timeout", defaultValue = "5000", paramLabel = "MILLIS",
            description = "Client send timeout (default: ${DEFAULT-VALUE}).")
    int sendTimeoutMillis;

    @Option(names = "--retries", defaultValue = "0",
            description = "Client retries of a failed send (default: ${DEFAULT-VALUE}, so every failure shows).")
    int retries;

    @Option(names = "--broker-pid", paramLabel = "PID",
            description = "Broker process to sample (/proc) for CPU per message and RSS.")
    Long brokerPid;

    @Option(names = "--slave-lag", description = "Also sample the replication lag of the broker group that has a "
            + "slave (brokerId 1): master minus slave commit-log offset every 100 ms, and the catch-up time after.")
    boolean slaveLag;

    @Option(names = "--clk-tck", defaultValue = "100", description = "Kernel clock ticks per second (getconf CLK_TCK).")
    int clockTicks;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the key=value results to this file.")
    Path out;

    /** Checks the values, naming the offending one. */
    void validate() {
        String host = namesrv.contains(":") ? namesrv.substring(0, namesrv.lastIndexOf(':')) : namesrv;
        if (!host.equals("127.0.0.1") && !host.equals("localhost")) {
            throw new IllegalArgumentException("-n " + namesrv + ": the bench tool only drives 127.0.0.1");
        }
        positive("--queues", queues);
        positive("--body-size", bodySize);
        positive("--max-messages", maxMessages);
        if (warmupSeconds < 0 || durationSeconds <= 0 || durationSeconds > 3600) {
            throw new IllegalArgumentException("--warmup " + warmupSeconds + " / --duration " + durationSeconds
                    + ": warm-up must be >= 0 and the window within (0, 3600] seconds");
        }
    }

    static void positive(String option, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(option + " " + value + ": must be positive");
        }
    }

    String topicFor(String scenario) {
        return topic != null ? topic : "bench_" + scenario.replace('-', '_') + "_" + System.currentTimeMillis();
    }

    Window window() {
        return new Window(seconds(warmupSeconds), seconds(durationSeconds), maxMessages);
    }

    static long seconds(double s) {
        return (long) (s * 1e9);
    }
}
