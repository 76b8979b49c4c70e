package io.apogee.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apogee.it.CoverageRatchet.Check;

import java.util.ArrayList;
import java.util.List;

import static io.apogee.it.MqadminStage.BROKER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Apogee's {@code --json} (beyond Apache's tool): read commands print their answer as JSON, and the commands that
 * stream messages print one JSON object per message and line, with the scene's values. Run on one thread.
 */
final class MqadminJsonChecks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MqadminStage stage;
    private final AdminScene scene;

    MqadminJsonChecks(MqadminStage stage) {
        this.stage = stage;
        this.scene = stage.scene();
    }

    List<Check> checks() {
        return List.of(
                new Check("printMsg --json", this::printMsg),
                new Check("printMsgByQueue --json", this::printMsgByQueue),
                new Check("consumeMessage --json", () -> assertThat(lines(stage.ok("consumeMessage", "-t",
                        scene.topic, "-b", BROKER, "-i", "0", "-o", "0", "-c", "3", "--json"))).hasSize(3)),
                new Check("consumerProgress --json", this::consumerProgress),
                new Check("consumerStatus --json", () -> assertThat(json(stage.ok("consumerStatus", "-g",
                        scene.consumerGroup, "--json")).get(0).path("clientId").asText())
                        .isEqualTo(scene.consumerClientId())),
                new Check("queryMsgByKey --json", () -> assertThat(json(stage.ok("queryMsgByKey", "-t", scene.topic,
                        "-k", scene.key(AdminScene.PROBE), "--json")).toString())
                        .contains(scene.sent(AdminScene.PROBE).getMsgId())));
    }

    private void printMsg() throws Exception {
        List<JsonNode> messages = lines(stage.ok("printMsg", "-t", scene.topic, "--json"));
        assertThat(messages).hasSize(AdminScene.MESSAGES).allMatch(m -> m.path("topic").asText().equals(scene.topic));
        assertThat(messages.stream().map(m -> m.path("keys").asText()))
                .contains(scene.key(0), scene.key(AdminScene.MESSAGES - 1));
    }

    /** The scene topic's queues (the group's retry queue may be listed too). */
    private void consumerProgress() throws Exception {
        JsonNode table = json(stage.ok("consumerProgress", "-g", scene.consumerGroup, "--json")).path("offsetTable");
        List<JsonNode> queues = new ArrayList<>();
        table.forEach(entry -> {
            if (entry.path("queue").path("topic").asText().equals(scene.topic)) {
                queues.add(entry);
            }
        });
        assertThat(queues).as("%s", table).hasSize(AdminScene.QUEUES);
    }

    private void printMsgByQueue() throws Exception {
        List<JsonNode> lines = lines(stage.ok("printMsgByQueue", "-t", scene.topic, "-a", BROKER, "-i", "0",
                "-p", "true", "-f", "true", "--json"));
        JsonNode counts = lines.get(lines.size() - 1).path("tagCounts");
        assertThat(counts.path(AdminScene.TAG).asInt()).as("tag count, last line").isEqualTo(lines.size() - 1);
    }

    private static JsonNode json(Mqadmin.Output output) throws Exception {
        return JSON.readTree(output.out());
    }

    private static List<JsonNode> lines(Mqadmin.Output output) throws Exception {
        List<JsonNode> parsed = new ArrayList<>();
        for (String line : output.out().lines().filter(l -> !l.isBlank()).toList()) {
            parsed.add(JSON.readTree(line));
        }
        return parsed;
    }
}
