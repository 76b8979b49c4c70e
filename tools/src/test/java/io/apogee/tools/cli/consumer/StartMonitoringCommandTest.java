package io.apogee.tools.cli.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.remoting.body.ConsumerConnection;
import io.apogee.tools.EmbeddedClusterFixture;
import io.apogee.tools.MqAdmin;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.cli.consumer.monitor.ClientHeartbeats;
import io.apogee.tools.message.MessageQueue;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** {@code mqadmin startMonitoring} against a real name server and broker, on a thread of its own. */
class StartMonitoringCommandTest {

    private static final String TOPIC = "MonitorLagTopic";
    private static final String GROUP = "MonitorLagGroup";
    private static final String MONITOR_GROUP = "__MONITOR_CONSUMER";

    @RegisterExtension
    static final EmbeddedClusterFixture CLUSTER = new EmbeddedClusterFixture();

    @Test
    void shouldRegisterTheMonitorGroupAndReportABacklogEveryRound() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try (AdminClient admin = new AdminClient(List.of(CLUSTER.namesrvAddress()), 5000)) {
            leaveThreeMessagesUnconsumed(admin);
            Thread monitor = startMonitoring(CLUSTER.namesrvAddress(), out, err);
            try {
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
                    ConsumerConnection monitorGroup = ConnectionLookup.consumers(admin, MONITOR_GROUP, null);
                    assertThat(monitorGroup.connectionSet).isNotEmpty();
                    assertThat(monitorGroup.subscriptionTable).containsKey("OFFSET_MOVED_EVENT");
                });
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(out.toString()).contains(
                        "[MONITOR] reportUndoneMsgs: UndoneMsgs [consumerGroup=" + GROUP + ", topic=" + TOPIC
                                + ", undoneMsgsTotal=3, undoneMsgsSingleMQ=3, undoneMsgsDelayTimeMills="));
            } finally {
                stop(monitor);
            }
        }
        assertThat(out.toString()).startsWith("startMonitoring started, rounds every 300 ms")
                .contains("[MONITOR] =========================================beginRound",
                        "[MONITOR] =========================================endRound");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void shouldReportEachFailedCallInOneLineAndGoOn() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Thread monitor = startMonitoring("127.0.0.1:1", out, err);
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(err.toString().lines()
                    .filter(l -> l.startsWith("mqadmin startMonitoring: cluster info: ")).count())
                    .isGreaterThanOrEqualTo(2));
        } finally {
            stop(monitor);
        }
        assertThat(err.toString()).doesNotContain("\tat ", "Exception");
        assertThat(out.toString()).contains("[MONITOR] =========================================beginRound");
    }

    /** Runs {@code mqadmin startMonitoring} with 300 ms rounds on a new thread. */
    private static Thread startMonitoring(String namesrv, StringWriter out, StringWriter err) {
        Thread monitor = new Thread(() -> commandLine(out, err).execute("startMonitoring", "--roundIntervalMillis",
                "300", "-n", namesrv), "startMonitoring");
        monitor.start();
        return monitor;
    }

    private static void stop(Thread monitor) throws InterruptedException {
        monitor.interrupt();
        monitor.join(Duration.ofSeconds(20).toMillis());
        assertThat(monitor.isAlive()).as("startMonitoring ended once interrupted").isFalse();
    }

    /** Four messages in queue 0 of {@value #TOPIC}; group {@value #GROUP} committed offset 1 (three undone). */
    private static void leaveThreeMessagesUnconsumed(AdminClient admin) throws Exception {
        StringWriter ignored = new StringWriter();
        assertThat(commandLine(ignored, ignored).execute("updateTopic", "-n", CLUSTER.namesrvAddress(), "-c",
                "DefaultCluster", "-t", TOPIC, "-r", "1", "-w", "1")).isZero();
        for (int i = 0; i < 4; i++) {
            assertThat(commandLine(ignored, ignored).execute("sendMessage", "-n", CLUSTER.namesrvAddress(), "-t",
                    TOPIC, "-p", "m" + i, "-b", "broker-a", "-i", "0")).isZero();
        }
        admin.messages().heartbeat(CLUSTER.brokerAddress(), ClientHeartbeats.pushConsumer("127.0.0.1@test#1", GROUP,
                TOPIC, ClientHeartbeats.FROM_FIRST_OFFSET));
        admin.messages().updateConsumerOffset(CLUSTER.brokerAddress(), GROUP, new MessageQueue(TOPIC, "broker-a", 0),
                1);
    }

    private static CommandLine commandLine(StringWriter out, StringWriter err) {
        CommandLine line = MqAdmin.commandLine();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return line;
    }
}
