package io.apogee.it;

import io.apogee.it.CoverageRatchet.Check;
import org.awaitility.core.ConditionTimeoutException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.apogee.it.MqadminStage.BROKER;
import static io.apogee.it.MqadminStage.rows;
import static io.apogee.it.MqadminStage.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The seed's name-server commands (section "NameServer"), {@code startMonitoring} (section "other") and the
 * seed's {@code getConsumerStatus}, which Apache 5.4.0 no longer registers. KV values are read back through
 * {@code updateOrderConf -m get}, which reads namespace {@code ORDER_TOPIC_CONFIG}; the name server's config
 * through {@code getNamesrvConfig}. {@code startMonitoring} never returns (its first round starts after 20 s and it
 * repeats every 60 s), so it runs in a child JVM until the broker lists its consumer group
 * {@code __MONITOR_CONSUMER} on topic {@code OFFSET_MOVED_EVENT}; then the child is stopped. Run on one thread.
 */
final class MqadminNamesrvChecks {

    private static final String ORDER_NAMESPACE = "ORDER_TOPIC_CONFIG";
    private static final String MONITOR_GROUP = "__MONITOR_CONSUMER";
    private static final Duration CHILD_PATIENCE = Duration.ofSeconds(30);

    private final MqadminStage stage;
    private final AdminScene scene;

    MqadminNamesrvChecks(MqadminStage stage) {
        this.stage = stage;
        this.scene = stage.scene();
    }

    List<Check> checks() {
        return List.of(
                new Check("updateKvConfig", this::updateKvConfig),
                new Check("deleteKvConfig", this::deleteKvConfig),
                new Check("getNamesrvConfig", () -> assertThat(stage.ok("getNamesrvConfig").out())
                        .contains("============" + stage.server().namesrvAddress() + "============")
                        .containsPattern("(?m)^scanNotActiveBrokerInterval\\s*=\\s+\\d+$")),
                new Check("updateNamesrvConfig", this::updateNamesrvConfig),
                new Check("startMonitoring", this::startMonitoring),
                new Check("getConsumerStatus", this::getConsumerStatus));
    }

    /** Apache 5.4.0 dropped the seed's command; Apogee keeps it (INVOKE_BROKER_TO_GET_CONSUMER_STATUS, 223). */
    private void getConsumerStatus() {
        if (stage.mqadmin().isApache()) {
            assertThat(stage.mqadmin().run("getConsumerStatus", "-g", scene.consumerGroup).out())
                    .as("Apache 5.4.0 has no such command").contains("The sub command getConsumerStatus not exist.");
            return;
        }
        Mqadmin.Output output = stage.ok("getConsumerStatus", "-g", scene.consumerGroup, "-t", scene.topic);
        List<List<String>> queues = rows(output, scene.consumerClientId());
        assertThat(queues).as("one row per queue of the live client\n%s", output).hasSize(AdminScene.QUEUES);
        assertThat(sum(queues, 3)).as("the client's offsets").isEqualTo(AdminScene.MESSAGES);
    }

    private String orderConf() {
        return stage.look("updateOrderConf", "-t", scene.topic, "-m", "get").out();
    }

    private void updateKvConfig() {
        String value = BROKER + ":4";
        assertThat(stage.ok("updateKvConfig", "-s", ORDER_NAMESPACE, "-k", scene.topic, "-v", value).out())
                .contains("create or update kv config to namespace success.");
        assertThat(orderConf()).contains("orderConf=[" + value + "]");
    }

    private void deleteKvConfig() {
        assertThat(stage.ok("deleteKvConfig", "-s", ORDER_NAMESPACE, "-k", scene.topic).out())
                .contains("delete kv config from namespace success.");
        assertThat(stage.observer().run("updateOrderConf", "-t", scene.topic, "-m", "get").out())
                .doesNotContain("orderConf=[" + BROKER);
    }

    private void updateNamesrvConfig() {
        assertThat(stage.ok("updateNamesrvConfig", "-k", "scanNotActiveBrokerInterval", "-v", "6000").out())
                .contains("update name server config success!").contains("scanNotActiveBrokerInterval : 6000");
        assertThat(stage.look("getNamesrvConfig").out())
                .containsPattern("(?m)^scanNotActiveBrokerInterval\\s*=\\s+6000$");
    }

    private void startMonitoring() throws Exception {
        Path log = stage.workDir().resolve("startMonitoring.log");
        Process child = stage.mqadmin().startChild(log, "startMonitoring");
        try {
            await().atMost(CHILD_PATIENCE).failFast("startMonitoring exited", () -> !child.isAlive())
                    .until(() -> stage.observer().run("consumerConnection", "-g", MONITOR_GROUP).out()
                            .contains("OFFSET_MOVED_EVENT"));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the monitor's consumer never showed up; startMonitoring printed:\n"
                    + Files.readString(log), e);
        } finally {
            child.destroyForcibly().waitFor();
        }
        assertThat(Files.readString(log)).as("startMonitoring output").doesNotContain("Exception");
    }
}
