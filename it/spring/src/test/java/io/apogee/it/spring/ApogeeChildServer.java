package io.apogee.it.spring;

import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * An Apogee name server plus broker ({@code ApogeeMain standalone}) running as a child JVM on ephemeral ports,
 * storing under a given directory. The test JVM is a Spring Boot 2.7 application, whose logging stack (logback 1.2,
 * SLF4J 1.7) cannot host Apogee's (logback 1.5, SLF4J 2), so the server gets its own JVM on the runtime classpath
 * the build wrote with dependency:build-classpath (a file named by the system property
 * {@value #CLASSPATH_FILE_PROPERTY}). Its stdout and stderr go to a log file; it is ready once that file holds the
 * broker's {@code boot success} line, which also names the name server's address. The arguments are passed through
 * a java launcher argument file ({@code java @file}) so that the command line does not match machine-wide stop
 * scripts ({@code bin/mqshutdown}). Not thread-safe: started and closed by one thread.
 */
final class ApogeeChildServer implements AutoCloseable {

    static final String CLASSPATH_FILE_PROPERTY = "apogee.it.serverClasspathFile";

    private static final Duration BOOT_PATIENCE = Duration.ofSeconds(60);
    private static final Duration STOP_PATIENCE = Duration.ofSeconds(20);
    private static final int COMMIT_LOG_FILE_SIZE = 16 * 1024 * 1024;
    private static final Pattern BROKER_BOOTED =
            Pattern.compile("The broker\\[[^]]*] boot success\\..* name server is (\\S+)");

    private final Process process;
    private final Path log;
    /** Kills the child if the test JVM exits without closing it (e.g. surefire stopping a hung fork). */
    private final Thread killOnExit;
    private String namesrvAddress;

    private ApogeeChildServer(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.killOnExit = new Thread(process::destroyForcibly, "kill-apogee-child");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Starts a server storing under {@code storeDir}, printing to {@code log}; waits for boot success. */
    static ApogeeChildServer start(Path storeDir, Path log) throws IOException {
        List<String> arguments = List.of(
                "-Xmx256m",
                "-cp", serverClasspath(),
                "io.apogee.distribution.ApogeeMain", "standalone",
                "--namesrv-port", "0",
                "listenPort=0",
                "brokerIP1=127.0.0.1",
                "brokerName=broker-spring-it",
                "autoCreateTopicEnable=true",
                "consoleEnable=false",
                "storePathRootDir=" + storeDir,
                "mapedFileSizeCommitLog=" + COMMIT_LOG_FILE_SIZE);
        Files.createDirectories(log.getParent());
        Path argumentFile = log.resolveSibling(log.getFileName() + ".args");
        Files.write(argumentFile, arguments.stream().map(ApogeeChildServer::quoted).toList());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "@" + argumentFile)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        ApogeeChildServer server = new ApogeeChildServer(process, log);
        try {
            server.awaitBoot();
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The server's runtime classpath, as the build wrote it. */
    private static String serverClasspath() throws IOException {
        String file = System.getProperty(CLASSPATH_FILE_PROPERTY);
        if (file == null || file.isBlank()) {
            throw new IllegalStateException("system property " + CLASSPATH_FILE_PROPERTY + " is not set; run the "
                    + "tests through Maven (mvn -pl it/spring verify), which writes the server's classpath file");
        }
        return Files.readString(Path.of(file)).trim();
    }

    /** One argument-file entry: quoted, with backslashes and quotes escaped (see the java launcher's @-files). */
    private static String quoted(String argument) {
        return '"' + argument.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private void awaitBoot() {
        try {
            await().atMost(BOOT_PATIENCE)
                    .pollInterval(Duration.ofMillis(100))
                    .failFast("server process exited", () -> !process.isAlive())
                    .until(() -> BROKER_BOOTED.matcher(logText()).find());
        } catch (ConditionTimeoutException | AssertionError e) {
            throw new AssertionError("server did not boot; its output:\n" + logText(), e);
        }
        Matcher booted = BROKER_BOOTED.matcher(logText());
        if (!booted.find()) {
            throw new IllegalStateException("boot line vanished from " + log);
        }
        namesrvAddress = booted.group(1);
    }

    /** "127.0.0.1:port" of the server's name server. */
    String namesrvAddress() {
        return namesrvAddress;
    }

    /** Everything the server printed so far. */
    String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "<cannot read " + log + ": " + e + ">";
        }
    }

    /** Asks the server to stop (SIGTERM, a graceful stop); kills it if it is not gone in time. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // the JVM is exiting: the hook kills the child anyway
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
