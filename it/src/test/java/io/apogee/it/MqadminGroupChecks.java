package io.apogee.it;

import io.apogee.it.CoverageRatchet.Check;
import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.common.message.MessageQueue;

import java.time.Duration;
import java.util.List;

import static io.apogee.it.MqadminStage.BROKER;
import static io.apogee.it.MqadminStage.rows;
import static io.apogee.it.MqadminStage.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The seed's consumer-group and connection commands (sections "consumer" and "connection") plus
 * {@code resetOffsetByTime}, checked against the scene's live groups: lag 0 after consuming 100 messages, the
 * live client ids, offsets cloned and reset for real (the reset makes the live consumer receive every message
 * again). Output formats: Apache's {@code tools.command.consumer}, {@code .connection} and {@code .offset}
 * sub-commands (5.4.0). Run on one thread.
 */
final class MqadminGroupChecks {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final MqadminStage stage;
    private final AdminScene scene;
    private final String scratchGroup = UniqueName.of("MqadminSubGroup");

    MqadminGroupChecks(MqadminStage stage) {
        this.stage = stage;
        this.scene = stage.scene();
    }

    List<Check> checks() {
        return List.of(
                new Check("consumerProgress -g", this::consumerProgressOfGroup),
                new Check("consumerProgress -s", this::consumerProgressWithClientIp),
                new Check("consumerProgress", this::consumerProgress),
                new Check("consumerStatus", this::consumerStatus),
                new Check("updateSubGroup", this::updateSubGroup),
                new Check("deleteSubGroup", this::deleteSubGroup),
                new Check("cloneGroupOffset", this::cloneGroupOffset),
                new Check("consumerConnection", this::consumerConnection),
                new Check("producerConnection", () -> assertThat(rows(stage.ok("producerConnection", "-g",
                        scene.producerGroup, "-t", scene.topic), "0001")).hasSize(1)
                        .allMatch(row -> row.get(1).equals(scene.producerClientId()) && row.get(3).equals("JAVA"))),
                new Check("resetOffsetByTime", this::resetOffsetByTime));
    }

    private void consumerProgressOfGroup() {
        Mqadmin.Output output = stage.ok("consumerProgress", "-g", scene.consumerGroup);
        List<List<String>> queues = rows(output, scene.topic);
        assertThat(queues).as("one row per queue\n%s", output).hasSize(AdminScene.QUEUES)
                .allMatch(row -> row.get(1).equals(BROKER));
        assertThat(sum(queues, 3)).as("broker offsets").isEqualTo(AdminScene.MESSAGES);
        assertThat(sum(queues, 4)).as("consumer offsets").isEqualTo(AdminScene.MESSAGES);
        assertThat(sum(queues, 5)).as("diff").isZero();
        assertThat(queues).as("last consumed time of queues with messages")
                .allMatch(row -> row.get(3).equals("0") || !row.get(7).equals("N/A"));
        assertThat(output.out()).contains("Consume Diff Total: 0");
    }

    private void consumerProgressWithClientIp() {
        Mqadmin.Output output = stage.ok("consumerProgress", "-g", scene.consumerGroup, "-s", "true");
        String ip = scene.consumerClientId().split("@")[0];
        assertThat(rows(output, scene.topic)).as("one row per queue, held by the live client\n%s", output)
                .hasSize(AdminScene.QUEUES).allMatch(row -> row.get(5).equals(ip));
    }

    private void consumerProgress() {
        Mqadmin.Output output = stage.ok("consumerProgress");
        List<List<String>> group = rows(output, scene.consumerGroup);
        assertThat(group).as("%s", output).hasSize(1);
        assertThat(group.get(0).subList(0, 5)).containsExactly(scene.consumerGroup, "1", "V5_4_0", "PUSH",
                "CLUSTERING");
        assertThat(group.get(0).get(6)).as("#Diff Total").isEqualTo("0");
    }

    private void consumerStatus() {
        Mqadmin.Output output = stage.ok("consumerStatus", "-g", scene.consumerGroup);
        assertThat(rows(output, "1")).as("%s", output).hasSize(1)
                .allMatch(row -> row.get(1).equals(scene.consumerClientId()));
        assertThat(output.out()).contains("Same subscription in the same group of consumer").contains("Rebalance OK");
        Mqadmin.Output one = stage.ok("consumerStatus", "-g", scene.consumerGroup, "-i", scene.consumerClientId());
        assertThat(one.out()).contains("#Consumer Subscription#").contains(scene.topic)
                .contains("#Consumer Offset#").contains("consumerGroup").contains(scene.consumerGroup);
    }

    private void updateSubGroup() {
        Mqadmin.Output output = stage.ok("updateSubGroup", "-b", stage.brokerAddr(), "-g", scratchGroup,
                "-r", "5", "-q", "2");
        assertThat(output.out()).contains("create subscription group to " + stage.brokerAddr() + " success.")
                .contains("groupName=" + scratchGroup);
        assertThat(stage.look("getConsumerConfig", "-g", scratchGroup).out())
                .containsPattern("(?m)^groupName\\s*=\\s+" + scratchGroup + "$")
                .containsPattern("(?m)^retryMaxTimes\\s*=\\s+5$")
                .containsPattern("(?m)^retryQueueNums\\s*=\\s+2$");
    }

    private void deleteSubGroup() {
        assertThat(stage.ok("deleteSubGroup", "-b", stage.brokerAddr(), "-g", scratchGroup).out())
                .contains("delete subscription group [" + scratchGroup + "] from broker [" + stage.brokerAddr()
                        + "] success.");
        assertThat(stage.observer().run("getConsumerConfig", "-g", scratchGroup).out())
                .as("config of the deleted group").doesNotContain("retryMaxTimes");
    }

    @SuppressWarnings("deprecation")
    private void cloneGroupOffset() throws Exception {
        String copy = UniqueName.of("MqadminClone");
        assertThat(stage.ok("cloneGroupOffset", "-s", scene.consumerGroup, "-d", copy, "-t", scene.topic).out())
                .contains("clone group offset success. srcGroup[" + scene.consumerGroup + "], destGroup=["
                        + copy + "], topic[" + scene.topic + "]");
        DefaultMQPullConsumer reader = TestClients.startedPullConsumer(stage.server().namesrvAddress(), copy);
        try {
            long sum = 0;
            for (MessageQueue queue : scene.queues()) {
                sum += Math.max(0, reader.fetchConsumeOffset(queue, true));
            }
            assertThat(sum).as("offsets of the cloned group").isEqualTo(AdminScene.MESSAGES);
        } finally {
            reader.shutdown();
        }
    }

    private void consumerConnection() {
        Mqadmin.Output output = stage.ok("consumerConnection", "-g", scene.consumerGroup);
        assertThat(rows(output, scene.consumerClientId())).as("%s", output).hasSize(1)
                .allMatch(row -> row.get(2).equals("JAVA") && row.get(3).equals("V5_4_0"));
        assertThat(rows(output, scene.topic)).containsExactly(List.of(scene.topic, "*"));
        assertThat(output.out()).contains("ConsumeType: CONSUME_PASSIVELY").contains("MessageModel: CLUSTERING")
                .contains("ConsumeFromWhere: CONSUME_FROM_FIRST_OFFSET");
    }

    private void resetOffsetByTime() {
        Mqadmin.Output output = stage.ok("resetOffsetByTime", "-g", scene.consumerGroup, "-t", scene.topic,
                "-s", Long.toString(scene.firstSendTime() - 1_000), "-f", "true");
        List<List<String>> queues = rows(output, BROKER);
        assertThat(queues).as("one row per queue\n%s", output).hasSize(AdminScene.QUEUES);
        assertThat(sum(queues, 2)).as("offsets reset to").isZero();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(scene.received.duplicates())
                .as("messages delivered again after the reset").hasSize(AdminScene.MESSAGES));
    }
}
