package io.apogee.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apogee.it.CoverageRatchet.Check;

import java.util.List;

import static io.apogee.it.MqadminStage.BROKER;
import static io.apogee.it.MqadminStage.CLUSTER;
import static io.apogee.it.MqadminStage.rows;
import static io.apogee.it.MqadminStage.rowsWith;
import static io.apogee.it.MqadminStage.sum;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's topic and cluster commands (mqadmin sections "topic" and "cluster"), each checked against the
 * values of the scene: 8 queues, 100 messages, one consuming group. Output formats are those of Apache's
 * {@code org.apache.rocketmq.tools.command.topic} and {@code .cluster} sub-commands (5.4.0). Stateless apart from
 * the scratch topic name; run on one thread.
 */
final class MqadminTopicChecks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MqadminStage stage;
    private final AdminScene scene;
    private final String scratchTopic = UniqueName.of("MqadminScratch");

    MqadminTopicChecks(MqadminStage stage) {
        this.stage = stage;
        this.scene = stage.scene();
    }

    List<Check> checks() {
        return List.of(
                new Check("updateTopic", this::updateTopic),
                new Check("topicList", () -> assertThat(stage.ok("topicList").out().lines())
                        .contains(scene.topic, scratchTopic)),
                new Check("topicList -c", () -> assertThat(rowsWith(stage.ok("topicList", "-c"), 1, scene.topic))
                        .as("cluster, topic, group row").contains(List.of(CLUSTER, scene.topic, scene.consumerGroup))),
                new Check("topicRoute", this::topicRoute),
                new Check("topicStatus", this::topicStatus),
                new Check("topicClusterList", () -> assertThat(stage.ok("topicClusterList", "-t", scene.topic)
                        .out().lines().map(String::strip)).containsExactly(CLUSTER)),
                new Check("updateTopicPerm", this::updateTopicPerm),
                new Check("updateOrderConf", this::updateOrderConf),
                new Check("allocateMQ", this::allocateMq),
                new Check("statsAll", this::statsAll),
                new Check("deleteTopic", this::deleteTopic),
                new Check("clusterList", this::clusterList),
                new Check("clusterList -m", this::clusterListMore));
    }

    private void updateTopic() {
        Mqadmin.Output output = stage.ok("updateTopic", "-c", CLUSTER, "-t", scratchTopic, "-r", "4", "-w", "4");
        assertThat(output.out()).contains("create topic to " + stage.brokerAddr() + " success.");
        var created = stage.server().broker().topics().find(scratchTopic);
        assertThat(created).as("topic in the broker").isNotNull();
        assertThat(created.readQueueNums).isEqualTo(4);
        assertThat(created.writeQueueNums).isEqualTo(4);
    }

    private JsonNode route(String topic) throws Exception {
        return json(stage.ok("topicRoute", "-t", topic).out());
    }

    /** Parses mqadmin's fastjson output, whose numeric map keys are unquoted ({@code {0:"ip:port"}}). */
    static JsonNode json(String fastjson) throws Exception {
        return JSON.readTree(fastjson.replaceAll("([{,]\\s*)(\\d+):", "$1\"$2\":"));
    }

    private void topicRoute() throws Exception {
        JsonNode route = route(scene.topic);
        assertThat(route.path("queueDatas")).hasSize(1);
        JsonNode queues = route.path("queueDatas").get(0);
        assertThat(queues.path("brokerName").asText()).isEqualTo(BROKER);
        assertThat(queues.path("readQueueNums").asInt()).isEqualTo(AdminScene.QUEUES);
        assertThat(queues.path("writeQueueNums").asInt()).isEqualTo(AdminScene.QUEUES);
        assertThat(queues.path("perm").asInt()).isEqualTo(6);
        JsonNode broker = route.path("brokerDatas").get(0);
        assertThat(broker.path("cluster").asText()).isEqualTo(CLUSTER);
        assertThat(broker.path("brokerAddrs").path("0").asText()).isEqualTo(stage.brokerAddr());
    }

    private void topicStatus() {
        Mqadmin.Output output = stage.ok("topicStatus", "-t", scene.topic);
        List<List<String>> queues = rows(output, BROKER);
        assertThat(queues).as("one row per queue\n%s", output).hasSize(AdminScene.QUEUES);
        assertThat(sum(queues, 2)).as("sum of min offsets").isZero();
        assertThat(sum(queues, 3)).as("sum of max offsets").isEqualTo(AdminScene.MESSAGES);
        assertThat(queues).as("last update time of a queue with messages")
                .allMatch(row -> Long.parseLong(row.get(3)) == 0 || !row.get(4).startsWith("1970"));
    }

    private void updateTopicPerm() {
        Mqadmin.Output output = stage.ok("updateTopicPerm", "-c", CLUSTER, "-t", scratchTopic, "-p", "4");
        assertThat(output.out()).contains("update topic perm from 6 to 4 in " + stage.brokerAddr() + " success.");
        assertThat(stage.server().broker().topics().find(scratchTopic).perm).isEqualTo(4);
    }

    private void updateOrderConf() {
        String conf = BROKER + ":" + AdminScene.QUEUES;
        assertThat(stage.ok("updateOrderConf", "-t", scene.topic, "-v", conf, "-m", "put").out())
                .contains("update orderConf success. topic=[" + scene.topic + "], orderConf=[" + conf + "]");
        assertThat(stage.ok("updateOrderConf", "-t", scene.topic, "-m", "get").out())
                .contains("get orderConf success. topic=[" + scene.topic + "], orderConf=[" + conf + "]");
        assertThat(stage.ok("updateOrderConf", "-t", scene.topic, "-m", "delete").out())
                .contains("delete orderConf success. topic=[" + scene.topic + "]");
        assertThat(stage.mqadmin().run("updateOrderConf", "-t", scene.topic, "-m", "get").toString())
                .doesNotContain("orderConf=[" + conf + "]");
    }

    private void allocateMq() throws Exception {
        Mqadmin.Output output = stage.ok("allocateMQ", "-t", scene.topic, "-i", "10.0.0.1,10.0.0.2");
        JsonNode result = json(output.out()).path("result");
        assertThat(result.path("10.0.0.1")).hasSize(AdminScene.QUEUES / 2);
        assertThat(result.path("10.0.0.2")).hasSize(AdminScene.QUEUES / 2);
    }

    private void statsAll() {
        Mqadmin.Output output = stage.ok("statsAll", "-t", scene.topic);
        List<List<String>> row = rows(output, scene.topic);
        assertThat(row).as("%s", output).hasSize(1);
        List<String> columns = row.get(0);
        assertThat(columns.get(1)).as("consumer group in %s", output).isEqualTo(scene.consumerGroup);
        assertThat(columns.get(2)).as("accumulation in %s", output).isEqualTo("0");
        assertThat(Long.parseLong(columns.get(5))).as("in 24h in %s", output)
                .isGreaterThanOrEqualTo(AdminScene.MESSAGES);
        assertThat(Long.parseLong(columns.get(6))).as("out 24h in %s", output)
                .isGreaterThanOrEqualTo(AdminScene.MESSAGES);
    }

    private void deleteTopic() {
        Mqadmin.Output output = stage.ok("deleteTopic", "-c", CLUSTER, "-t", scratchTopic);
        assertThat(output.out())
                .contains("delete topic [" + scratchTopic + "] from cluster [" + CLUSTER + "] success.");
        assertThat(stage.server().broker().topics().find(scratchTopic)).as("topic in the broker").isNull();
        assertThat(stage.look("topicList").out().lines()).contains(scene.topic).doesNotContain(scratchTopic);
    }

    private void clusterList() {
        Mqadmin.Output output = stage.ok("clusterList");
        List<List<String>> brokers = rows(output, CLUSTER);
        assertThat(brokers).as("%s", output).hasSize(1);
        List<String> broker = brokers.get(0);
        assertThat(broker.subList(0, 5)).containsExactly(CLUSTER, BROKER, "0", stage.brokerAddr(), "V5_4_0");
        assertThat(broker.get(broker.size() - 1)).as("#ACTIVATED").isEqualTo("true");
    }

    private void clusterListMore() {
        Mqadmin.Output output = stage.ok("clusterList", "-m");
        List<List<String>> brokers = rows(output, CLUSTER);
        assertThat(brokers).as("%s", output).hasSize(1);
        List<String> broker = brokers.get(0);
        assertThat(broker.subList(0, 3)).containsExactly(CLUSTER, BROKER, "0");
        assertThat(Long.parseLong(broker.get(4))).as("#InTotalToday").isGreaterThanOrEqualTo(AdminScene.MESSAGES);
        assertThat(Long.parseLong(broker.get(5))).as("#OutTotalToday").isGreaterThanOrEqualTo(AdminScene.MESSAGES);
    }
}
