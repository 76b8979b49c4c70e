package io.apogee.it;

import io.apogee.it.CoverageRatchet.Check;
import org.awaitility.core.ConditionTimeoutException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.apogee.it.MqadminStage.BROKER;
import static io.apogee.it.MqadminStage.CLUSTER;
import static io.apogee.it.MqadminStage.rows;
import static io.apogee.it.MqadminStage.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The seed's broker commands (section "broker") plus {@code clusterRT}, {@code addWritePerm} and {@code queryCq},
 * checked against the scene's values. {@code clusterRT} loops forever in Apache, so it runs in a child JVM that
 * is stopped once it printed its first round. Output formats: Apache's {@code tools.command.broker},
 * {@code .namesrv}, {@code .queue} and {@code .cluster} sub-commands (5.4.0). Run on one thread.
 */
final class MqadminBrokerChecks {

    private static final Duration CHILD_PATIENCE = Duration.ofSeconds(30);

    private final MqadminStage stage;
    private final AdminScene scene;

    MqadminBrokerChecks(MqadminStage stage) {
        this.stage = stage;
        this.scene = stage.scene();
    }

    List<Check> checks() {
        return List.of(
                new Check("clusterRT", this::clusterRt),
                new Check("updateBrokerConfig", this::updateBrokerConfig),
                new Check("updateBrokerConfig brokerPermission", this::updateBrokerPermission),
                new Check("brokerStatus", this::brokerStatus),
                new Check("brokerConsumeStats", this::brokerConsumeStats),
                new Check("getBrokerConfig", () -> assertThat(stage.ok("getBrokerConfig", "-b", stage.brokerAddr())
                        .out()).containsPattern("(?m)^brokerName\\s*=\\s+" + BROKER + "$")
                        .containsPattern("(?m)^brokerClusterName\\s*=\\s+" + CLUSTER + "$")),
                new Check("wipeWritePerm", this::wipeWritePerm),
                new Check("addWritePerm", this::addWritePerm),
                new Check("cleanExpiredCQ", () -> assertThat(stage.ok("cleanExpiredCQ", "-b", stage.brokerAddr())
                        .out().strip()).isEqualTo("success")),
                new Check("cleanUnusedTopic", () -> assertThat(stage.ok("cleanUnusedTopic", "-b",
                        stage.brokerAddr()).out().strip()).isEqualTo("success")),
                new Check("sendMsgStatus", () -> assertThat(stage.ok("sendMsgStatus", "-b", BROKER, "-s", "64",
                        "-c", "2").out()).containsPattern("(?s)(rt=\\d+ms, SendResult=SendResult \\[sendStatus=SEND_OK"
                        + ".*){2}")),
                new Check("queryCq", this::queryCq));
    }

    private void clusterRt() throws Exception {
        Path log = stage.workDir().resolve("clusterRT.log");
        Process child = stage.mqadmin().startChild(log, "clusterRT", "-a", "2", "-s", "16", "-c", CLUSTER,
                "-i", "60");
        Pattern round = Pattern.compile("(?m)^" + CLUSTER + "\\s+" + BROKER + "\\s+[\\d.]+\\s+(\\d+)\\s+(\\d+)\\s*$");
        try {
            await().atMost(CHILD_PATIENCE).failFast("clusterRT exited", () -> !child.isAlive())
                    .until(() -> round.matcher(Files.readString(log)).find());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no clusterRT round; it printed:\n" + Files.readString(log), e);
        } finally {
            child.destroyForcibly().waitFor();
        }
        Matcher counts = round.matcher(Files.readString(log));
        assertThat(counts.find()).isTrue();
        assertThat(counts.group(1)).as("successCount").isEqualTo("2");
        assertThat(counts.group(2)).as("failCount").isEqualTo("0");
    }

    private void updateBrokerConfig() {
        String broker = stage.brokerAddr();
        assertThat(stage.ok("updateBrokerConfig", "-b", broker, "-k", "flushDelayOffsetInterval", "-v", "12000")
                .out()).contains("update broker config success, " + broker);
        assertThat(stage.look("getBrokerConfig", "-b", broker).out())
                .containsPattern("(?m)^flushDelayOffsetInterval\\s*=\\s+12000$");
    }

    /** A read-only broker (brokerPermission=4, how operators drain a broker) shows read-only routes at once. */
    private void updateBrokerPermission() {
        String broker = stage.brokerAddr();
        try {
            stage.ok("updateBrokerConfig", "-b", broker, "-k", "brokerPermission", "-v", "4");
            await().atMost(CHILD_PATIENCE).untilAsserted(() -> assertThat(topicPerm()).as("route perm").isEqualTo(4));
        } finally {
            stage.ok("updateBrokerConfig", "-b", broker, "-k", "brokerPermission", "-v", "6");
        }
        await().atMost(CHILD_PATIENCE).untilAsserted(() -> assertThat(topicPerm()).as("route perm").isEqualTo(6));
    }

    private void brokerStatus() {
        Mqadmin.Output output = stage.ok("brokerStatus", "-b", stage.brokerAddr());
        assertThat(output.out()).containsPattern("(?m)^brokerVersionDesc\\s*: V5_4_0$");
        Matcher puts = Pattern.compile("(?m)^msgPutTotalTodayNow\\s*: (\\d+)$").matcher(output.out());
        assertThat(puts.find()).as("msgPutTotalTodayNow in\n%s", output).isTrue();
        assertThat(Long.parseLong(puts.group(1))).isGreaterThanOrEqualTo(AdminScene.MESSAGES);
    }

    private void brokerConsumeStats() {
        Mqadmin.Output output = stage.ok("brokerConsumeStats", "-b", stage.brokerAddr());
        List<List<String>> queues = rows(output, scene.topic);
        assertThat(queues).as("one row per queue of the scene topic\n%s", output).hasSize(AdminScene.QUEUES)
                .allMatch(row -> row.get(1).equals(scene.consumerGroup) && row.get(2).equals(BROKER));
        assertThat(sum(queues, 4)).as("broker offsets").isEqualTo(AdminScene.MESSAGES);
        assertThat(sum(queues, 5)).as("consumer offsets").isEqualTo(AdminScene.MESSAGES);
        assertThat(sum(queues, 6)).as("diff").isZero();
        assertThat(output.out()).contains("Diff Total: 0");
    }

    private int topicPerm() throws Exception {
        return MqadminTopicChecks.json(stage.look("topicRoute", "-t", scene.topic).out())
                .path("queueDatas").get(0).path("perm").asInt();
    }

    private void wipeWritePerm() throws Exception {
        assertThat(stage.ok("wipeWritePerm", "-b", BROKER).out()).containsPattern(
                "wipe write perm of broker\\[" + BROKER + "] in name server\\[[^]]+] OK, [1-9]\\d*");
        assertThat(topicPerm()).as("perm of the scene topic after the wipe").isEqualTo(4);
    }

    private void addWritePerm() throws Exception {
        assertThat(stage.ok("addWritePerm", "-b", BROKER).out()).containsPattern(
                "add write perm of broker\\[" + BROKER + "] in name server\\[[^]]+] OK, [1-9]\\d*");
        assertThat(topicPerm()).as("perm of the scene topic after adding it back").isEqualTo(6);
    }

    private void queryCq() {
        long inQueue0 = countInQueue(0);
        Mqadmin.Output output = stage.ok("queryCq", "-t", scene.topic, "-q", "0", "-i", "0", "-c", "2",
                "-b", stage.brokerAddr());
        assertThat(output.out()).contains("max: " + inQueue0 + ", min: 0").contains("idx: 0").contains("idx: 1")
                .containsPattern("ConsumeQueueData\\{physicOffset=\\d+, physicSize=[1-9]\\d*");
    }

    private long countInQueue(int queueId) {
        long count = 0;
        for (int i = 0; i < AdminScene.MESSAGES; i++) {
            if (scene.sent(i).getMessageQueue().getQueueId() == queueId) {
                count++;
            }
        }
        return count;
    }
}
