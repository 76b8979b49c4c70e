package io.apogee.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.distribution.Standalone;
import io.apogee.namesrv.NamesrvConfig;
import io.apogee.store.FlushDiskType;
import io.apogee.store.MessageStoreConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every load scenario for about a second against an in-process Apogee (ports 0, temp dir), sampling this
 * very process as the "broker", so the tool cannot rot.
 */
class ScenarioSmokeTest {

    @TempDir
    static Path storeDir;

    private static Standalone server;
    private static String pid;

    @BeforeAll
    static void startServer() throws Exception {
        NamesrvConfig namesrv = new NamesrvConfig();
        namesrv.listenPort = 0;
        BrokerConfig broker = new BrokerConfig();
        broker.listenPort = 0;
        broker.brokerIP1 = "127.0.0.1";
        broker.brokerName = "broker-bench";
        MessageStoreConfig store = new MessageStoreConfig();
        store.storePathRootDir = storeDir.toString();
        store.mapedFileSizeCommitLog = 64 * 1024 * 1024;
        store.flushDiskType = FlushDiskType.ASYNC_FLUSH;
        server = new Standalone(namesrv, broker, store);
        server.start();
        pid = Long.toString(ProcessHandle.current().pid());
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void shouldMeasureSyncSends() {
        Map<String, String> r = run("produce", "--threads", "4", "--warmup", "0.5", "--duration", "1");
        assertThat(r).containsEntry("status", "OK").containsEntry("errors", "0");
        assertThat(Long.parseLong(r.get("send.msgs"))).isPositive();
        assertThat(Double.parseDouble(r.get("send.latency.p99.ms"))).isPositive();
        assertThat(Double.parseDouble(r.get("broker.cpu.us.per.msg"))).isPositive();
        assertThat(Double.parseDouble(r.get("broker.rss.peak.mib"))).isPositive();
    }

    @Test
    void shouldMeasureAsyncSendsWithinTheInflightWindow() {
        Map<String, String> r = run("produce-async", "--inflight", "64", "--warmup", "0.5", "--duration", "1");
        assertThat(r).containsEntry("status", "OK").containsEntry("errors", "0");
        assertThat(Long.parseLong(r.get("send.msgs"))).isPositive();
    }

    @Test
    void shouldDrainTheWholeBacklogWithoutMissingMessages() {
        Map<String, String> r = run("consume", "--backlog", "3000", "--drain-timeout", "30");
        assertThat(r).containsEntry("status", "OK").containsEntry("consume.missing", "0")
                .containsEntry("fill.acked", "3000").containsEntry("consume.msgs", "3000");
    }

    @Test
    void shouldMeasureEndToEndLatencyAtAFixedRate() {
        Map<String, String> r = run("e2e", "--rate", "300", "--warmup", "1", "--duration", "1");
        assertThat(r).containsEntry("status", "OK").containsEntry("e2e.missing", "0");
        assertThat(Long.parseLong(r.get("e2e.received"))).isBetween(200L, 400L);
        assertThat(Double.parseDouble(r.get("e2e.latency.p50.ms"))).isPositive();
    }

    @Test
    void shouldStopAtTheMessageCap() {
        Map<String, String> r = run("produce", "--threads", "2", "--warmup", "0", "--duration", "30",
                "--max-messages", "200");
        assertThat(r).containsEntry("status", "OK");
        assertThat(Double.parseDouble(r.get("send.seconds"))).isLessThan(20);
        assertThat(Long.parseLong(r.get("send.msgs"))).isBetween(200L, 240L);
    }

    @Test
    void shouldRefuseANonLoopbackNameServer() {
        StringWriter err = new StringWriter();
        int code = BenchMain.commandLine().setErr(new PrintWriter(err))
                .execute("produce", "-n", "10.1.2.3:9876", "--duration", "1");
        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("10.1.2.3:9876");
    }

    private static Map<String, String> run(String scenario, String... options) {
        String[] args = new String[options.length + 5];
        args[0] = scenario;
        args[1] = "-n";
        args[2] = server.namesrvAddress();
        args[3] = "--broker-pid";
        args[4] = pid;
        System.arraycopy(options, 0, args, 5, options.length);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BenchMain.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        assertThat(code).as("exit code; output:%n%s%n%s", out, err).isZero();
        return figures(out.toString());
    }

    /** The key=value lines of a report. */
    static Map<String, String> figures(String report) {
        Map<String, String> figures = new HashMap<>();
        for (String line : report.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                figures.put(line.substring(0, eq), line.substring(eq + 1).trim());
            }
        }
        return figures;
    }
}
