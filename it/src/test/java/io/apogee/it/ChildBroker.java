package io.apogee.it;

import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * An Apogee broker running as a child JVM ({@code ApogeeMain broker -n <ns> -c <file>}), so a test can kill it
 * with SIGKILL. Its stdout and stderr go to a log file; it is ready once that file says {@code boot success}.
 * The arguments are passed through a java launcher argument file ({@code java @file}) so that the process's
 * command line does not match machine-wide stop scripts such as {@code bin/mqshutdown broker}, which would
 * otherwise stop a test's broker when someone runs them on the same host.
 * Not thread-safe: owned by one test thread.
 */
final class ChildBroker implements AutoCloseable {

    private static final Duration BOOT_PATIENCE = Duration.ofSeconds(60);
    private static final Pattern STARTED_AT = Pattern.compile("Broker .* started at (\\S+)");
    private static final Pattern BOOT_LINE = Pattern.compile("The broker\\[[^,]+, ([^\\]]+)\\] boot success");

    private static final String APACHE_4_LOGBACK = """
            <configuration>
              <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n</pattern></encoder>
              </appender>
              <root level="INFO"><appender-ref ref="STDOUT"/></root>
            </configuration>
            """;

    private final Process process;
    private final Path log;

    private ChildBroker(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts the broker with {@code configFile} registering at {@code namesrvAddress}; waits for boot success. */
    static ChildBroker start(Path configFile, String namesrvAddress, Path log) throws IOException {
        return launch(List.of(
                "-Xmx256m",
                "-cp", System.getProperty("java.class.path"),
                "io.apogee.distribution.ApogeeMain", "broker",
                "-n", namesrvAddress,
                "-c", configFile.toString()), log);
    }

    /**
     * As {@link #start}, inside the network namespace {@code netns} ({@code ip netns exec}, which execs the JVM, so
     * the process is still the broker's own).
     */
    static ChildBroker startInNamespace(String netns, Path configFile, String namesrvAddress, Path log)
            throws IOException {
        return launch(List.of("ip", "netns", "exec", netns), List.of(
                "-Xmx256m",
                "-cp", System.getProperty("java.class.path"),
                "io.apogee.distribution.ApogeeMain", "broker",
                "-n", namesrvAddress,
                "-c", configFile.toString()), log);
    }

    /**
     * Starts Apache RocketMQ's broker ({@code org.apache.rocketmq.broker.BrokerStartup}) from the jars in
     * {@code lib} with {@code configFile} and the extra {@code jvmArguments}, its home and logs under {@code home};
     * waits for boot success. Apache 4.x configures its logging from {@code <home>/conf/logback_broker.xml} and exits
     * without it, so that file is written first (to the console, hence to {@code log}); 5.x does not read it.
     */
    static ChildBroker startApache(Path lib, List<String> jvmArguments, Path configFile, String namesrvAddress,
            Path home, Path log) throws IOException {
        Path logback = Files.createDirectories(home.resolve("conf")).resolve("logback_broker.xml");
        Files.writeString(logback, APACHE_4_LOGBACK);
        List<String> arguments = new ArrayList<>(List.of(
                "-Xmx512m", "-XX:MaxDirectMemorySize=512m",
                "-Drocketmq.home.dir=" + home, "-Duser.home=" + home, "-Drocketmq.log.root=" + home));
        arguments.addAll(jvmArguments);
        arguments.addAll(List.of(
                "-cp", lib.toAbsolutePath() + "/*",
                "org.apache.rocketmq.broker.BrokerStartup",
                "-n", namesrvAddress,
                "-c", configFile.toString()));
        return launch(arguments, log);
    }

    /**
     * Starts Apache RocketMQ's name server ({@code org.apache.rocketmq.namesrv.NamesrvStartup}) from the jars in
     * {@code lib} on {@code port}, its home and logs under {@code home}; waits for its boot success line.
     */
    static ChildBroker startApacheNamesrv(Path lib, int port, Path home, Path log) throws IOException {
        Path config = Files.createDirectories(home).resolve("namesrv.conf");
        Files.writeString(config, "listenPort=" + port + "\n");
        return launch(List.of("-Xmx256m",
                "-Drocketmq.home.dir=" + home, "-Duser.home=" + home, "-Drocketmq.log.root=" + home,
                "-cp", lib.toAbsolutePath() + "/*",
                "org.apache.rocketmq.namesrv.NamesrvStartup",
                "-c", config.toString()), log);
    }

    /** A port P with P - 2 (Apache's fast port) and P + 1 (its HA port) free too. */
    static int freeApachePort() throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 40_000);
            if (free(port - 2) && free(port) && free(port + 1)) {
                return port;
            }
        }
        throw new IOException("no free port triple found");
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port)) {
            return s.getLocalPort() == port;
        } catch (IOException e) {
            return false;
        }
    }

    private static ChildBroker launch(List<String> arguments, Path log) throws IOException {
        return launch(List.of(), arguments, log);
    }

    private static ChildBroker launch(List<String> prefix, List<String> arguments, Path log) throws IOException {
        Path argumentFile = log.resolveSibling(log.getFileName() + ".args");
        Files.write(argumentFile, arguments.stream().map(ChildBroker::quoted).toList());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(prefix);
        command.add(java);
        command.add("@" + argumentFile);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        ChildBroker broker = new ChildBroker(process, log);
        try {
            broker.awaitBoot();
        } catch (RuntimeException | Error e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    /** One argument-file entry: quoted, with backslashes and quotes escaped (see the java launcher's @-files). */
    private static String quoted(String argument) {
        return '"' + argument.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private void awaitBoot() {
        try {
            await().atMost(BOOT_PATIENCE)
                    .failFast("broker process exited", () -> !process.isAlive())
                    .until(() -> logText().contains("boot success"));
        } catch (ConditionTimeoutException | TerminalFailureException | AssertionError e) {
            throw new AssertionError("broker did not boot; its output:\n" + logText(), e);
        }
    }

    /** The broker's "ip:port", from its "Broker ... started at ip:port" log line. */
    String address() {
        Matcher m = STARTED_AT.matcher(logText());
        if (!m.find()) {
            throw new AssertionError("no 'started at' line in the broker output:\n" + logText());
        }
        return m.group(1);
    }

    /** The "ip:port" of the boot line both Apogee and Apache print: {@code The broker[name, ip:port] boot success}. */
    String bootAddress() {
        Matcher m = BOOT_LINE.matcher(logText());
        if (!m.find()) {
            throw new AssertionError("no boot line in the broker output:\n" + logText());
        }
        return m.group(1);
    }

    /** Everything the broker printed so far. */
    String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "<cannot read " + log + ": " + e + ">";
        }
    }

    /** Sends SIGTERM (a graceful stop) and returns the exit code; fails if the process is not gone in time. */
    int terminate(Duration patience) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(patience.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new AssertionError("broker did not stop within " + patience + " after SIGTERM; its output:\n"
                    + logText());
        }
        return process.exitValue();
    }

    /** Sends SIGKILL and waits for the process to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
