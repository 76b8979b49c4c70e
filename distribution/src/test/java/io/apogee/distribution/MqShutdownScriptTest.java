package io.apogee.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/mqshutdown} against real broker processes. The brokers are child JVMs started with the command line
 * {@code bin/apogee} gives them (JVM options, {@code -Dapogee.home}, {@code -cp}, {@code ApogeeMain broker -c FILE}),
 * so the script sees what it sees on a real host; each has its own config file, store and ephemeral port, and no
 * name server (an empty {@code namesrvAddr} means no registration). Every call of the script selects with
 * {@code -c} or {@code --pid}, never the stop-all form, so other Apogee processes on the machine are left alone.
 */
@DisabledOnOs(OS.WINDOWS)
class MqShutdownScriptTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Path SCRIPT = ROOT.resolve("bin").resolve("mqshutdown");
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path workDir;

    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void killChildren() throws InterruptedException {
        for (Process child : children) {
            child.destroyForcibly().waitFor();
        }
    }

    @Test
    void shouldStopOnlyTheBrokerStartedWithTheGivenConfigFile() throws Exception {
        writeConfig("broker-a");
        Path configB = writeConfig("broker-b");
        // A with a path relative to its working directory (as 'sh bin/mqbroker -c conf/...'), B with an absolute one.
        Process brokerA = startBroker("broker-a", "conf/broker-a.properties");
        Process brokerB = startBroker("broker-b", configB.toString());
        awaitBoot(brokerA, "broker-a");
        awaitBoot(brokerB, "broker-b");

        Result result = mqshutdown("broker", "-c", "./conf/broker-a.properties");

        String canonicalA = workDir.toRealPath().resolve("conf").resolve("broker-a.properties").toString();
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output())
                .contains("mqbroker(" + brokerA.pid() + ")", canonicalA)
                .doesNotContain("(" + brokerB.pid() + ")");
        await().atMost(PATIENCE).until(() -> !brokerA.isAlive());
        assertThat(log("broker-a")).as("graceful stop on SIGTERM").contains("shutdown complete");
        assertThat(brokerB.isAlive()).as("the other broker").isTrue();

        Result again = mqshutdown("broker", "-c", "conf/broker-a.properties");
        assertThat(again.exitCode()).as(again.output()).isEqualTo(1);
        assertThat(again.output()).contains("No mqbroker running with config file " + canonicalA);
        assertThat(brokerB.isAlive()).as("the other broker").isTrue();
    }

    @Test
    void shouldStopByPidOnlyAnApogeeProcessOfTheAskedKind() throws Exception {
        writeConfig("broker-c");
        Process broker = startBroker("broker-c", "conf/broker-c.properties");
        Process notApogee = track(new ProcessBuilder("sleep", "600").start());
        awaitBoot(broker, "broker-c");

        Result notANamesrv = mqshutdown("namesrv", "--pid", String.valueOf(broker.pid()));
        assertThat(notANamesrv.exitCode()).as(notANamesrv.output()).isEqualTo(1);
        assertThat(notANamesrv.output()).contains("is an Apogee broker", "not stopped");

        Result foreign = mqshutdown("broker", "--pid", String.valueOf(notApogee.pid()));
        assertThat(foreign.exitCode()).as(foreign.output()).isEqualTo(1);
        assertThat(foreign.output()).contains("not an Apogee process", "sleep");
        assertThat(notApogee.isAlive()).as("the process that is not a broker").isTrue();
        assertThat(broker.isAlive()).as("the broker, not asked for yet").isTrue();

        Result stopped = mqshutdown("broker", "--pid", String.valueOf(broker.pid()));
        assertThat(stopped.exitCode()).as(stopped.output()).isZero();
        assertThat(stopped.output()).contains("mqbroker(" + broker.pid() + ")", "broker-c.properties");
        await().atMost(PATIENCE).until(() -> !broker.isAlive());
        assertThat(notApogee.isAlive()).as("the process that is not a broker").isTrue();
    }

    @Test
    void shouldRejectBadUsageWithExitCodeTwo() throws Exception {
        List<List<String>> usages = List.of(List.of(), List.of("brokr"), List.of("broker", "--bogus"),
                List.of("broker", "-c"), List.of("broker", "--pid", "abc"),
                List.of("broker", "-c", "x.properties", "--pid", "1"));
        for (List<String> usage : usages) {
            Result result = mqshutdown(usage.toArray(String[]::new));
            assertThat(result.exitCode()).as("%s: %s", usage, result.output()).isEqualTo(2);
            assertThat(result.output()).as("%s", usage).contains("Usage: mqshutdown");
        }
    }

    /** Writes conf/NAME.properties: an ephemeral port, a store under the temp dir, small files, no name server. */
    private Path writeConfig(String brokerName) throws IOException {
        Path config = workDir.resolve("conf").resolve(brokerName + ".properties");
        Files.createDirectories(config.getParent());
        Files.writeString(config, String.join("\n",
                "brokerName=" + brokerName,
                "namesrvAddr=",
                "listenPort=0",
                "brokerIP1=127.0.0.1",
                "storePathRootDir=" + workDir.resolve("store-" + brokerName),
                "mapedFileSizeCommitLog=" + (1024 * 1024),
                ""));
        return config;
    }

    /** Starts a broker in the temp dir as bin/apogee does ({@code exec java $JAVA_OPT ... ApogeeMain broker -c}). */
    private Process startBroker(String brokerName, String configArgument) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-Dapogee.home=" + ROOT,
                "-cp", System.getProperty("java.class.path"),
                "io.apogee.distribution.ApogeeMain", "broker", "-c", configArgument)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve(brokerName + ".log").toFile());
        builder.environment().remove("NAMESRV_ADDR");
        return track(builder.start());
    }

    private void awaitBoot(Process broker, String brokerName) throws IOException {
        try {
            await().atMost(PATIENCE)
                    .failFast("broker process exited", () -> !broker.isAlive())
                    .until(() -> log(brokerName).contains("boot success"));
        } catch (RuntimeException | AssertionError e) {
            throw new AssertionError(brokerName + " did not boot; its output:\n" + log(brokerName), e);
        }
    }

    private String log(String brokerName) throws IOException {
        Path log = workDir.resolve(brokerName + ".log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private Process track(Process process) {
        children.add(process);
        return process;
    }

    /** Runs {@code sh bin/mqshutdown ARGS} in the temp dir; stdout and stderr together. */
    private Result mqshutdown(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sh", SCRIPT.toString()));
        command.addAll(List.of(arguments));
        Process script = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        String output = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!script.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
            script.destroyForcibly();
            throw new AssertionError("mqshutdown did not finish; its output:\n" + output);
        }
        return new Result(script.exitValue(), output);
    }

    private record Result(int exitCode, String output) {
    }
}
