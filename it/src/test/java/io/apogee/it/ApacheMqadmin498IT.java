package io.apogee.it;

import io.apogee.it.CoverageRatchet.Check;
import org.apache.rocketmq.common.MQVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static io.apogee.it.AdminScene.PROBE;
import static io.apogee.it.MqadminStage.BROKER;
import static io.apogee.it.MqadminStage.CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Acceptance with the older tool: the seed's mqadmin commands run with Apache's {@code mqadmin} 4.9.8 (it/client4
 * only; {@link ApacheMqadminIT} checks 5.4.0's output in depth) against Apogee, on the scene of
 * {@link AdminScene}. Each command must finish without a stack trace or a usage message, and its output must show
 * one value of the scene, and none of the requests it sends may be answered 3 REQUEST_CODE_NOT_SUPPORTED.
 * {@code clusterRT} and {@code startMonitoring} never return and are left to ApacheMqadminIT;
 * {@code getConsumerStatus} is not a 4.9.8 command either. The commands run through {@link HookedSubCommand}
 * (4.9.8's {@code main0} would drop the recording hook); outcomes and request codes go to
 * {@code target/admin-coverage/mqadmin-V4_9_8.md}.
 *
 * <p>Run: {@code mvn -B -o -pl it/client4 test -Dtest=ApacheMqadmin498IT}
 */
@Isolated("swaps System.out and System.err while a command runs")
class ApacheMqadmin498IT {

    /** Commands (by the names below) that fail against today's tree; each must still fail. */
    static final Set<String> NOT_YET = Set.of(
    );

    @RegisterExtension
    static final SharedServer server = new SharedServer();

    private static final RequestCodeLog CODES = new RequestCodeLog();
    private static final CoverageRatchet RATCHET = new CoverageRatchet(NOT_YET);
    private static AdminScene scene;

    @BeforeAll
    static void buildScene() throws Exception {
        assumeTrue(MQVersion.getVersionDesc(MQVersion.CURRENT_VERSION).startsWith("V4_"),
                "Apache mqadmin 4.9.8 is on the classpath of it/client4 only");
        scene = AdminScene.start(server);
    }

    @AfterAll
    static void writeCoverage() throws Exception {
        if (scene != null) {
            CODES.writeReport(Path.of("target", "admin-coverage", "mqadmin-V4_9_8.md"), RATCHET);
            scene.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> shouldRunEverySeedCommandOfMqadmin498AgainstApogee() {
        Mqadmin mqadmin = new ApacheMqadmin(server.namesrvAddress(), CODES);
        return commands().stream().map(command -> RATCHET.test(new Check(command.get(0), () -> {
            String[] arguments = command.subList(2, command.size()).toArray(String[]::new);
            String name = command.get(0).split(" ")[0];
            Mqadmin.Output output = mqadmin.run(name, arguments);
            assertThat(output.failed()).as("%s", output).isFalse();
            assertThat(CODES.sentDuring(Mqadmin.variant(name, arguments)))
                    .as("request codes answered 3 REQUEST_CODE_NOT_SUPPORTED")
                    .allSatisfy((code, answers) -> assertThat(answers).doesNotContain("3"));
            assertThat(output.out()).as("%s", output).contains(command.get(1));
        })));
    }

    /** Each entry: the check name (command first), a text its output must contain, then the arguments. */
    private List<List<String>> commands() {
        String topic = scene.topic;
        String group = scene.consumerGroup;
        String broker = server.broker().address();
        String scratch = UniqueName.of("Mqadmin498Scratch");
        String probeQueue = Integer.toString(scene.sent(PROBE).getMessageQueue().getQueueId());
        String probeOffset = Long.toString(scene.sent(PROBE).getQueueOffset());
        return List.of(
                List.of("updateTopic", "success", "-c", CLUSTER, "-t", scratch, "-r", "4", "-w", "4"),
                List.of("topicList", scratch),
                List.of("topicList -c", group, "-c"),
                List.of("topicRoute", "\"readQueueNums\":8", "-t", topic),
                List.of("topicStatus", BROKER, "-t", topic),
                List.of("topicClusterList", CLUSTER, "-t", topic),
                List.of("updateTopicPerm", "success", "-c", CLUSTER, "-t", scratch, "-p", "4"),
                List.of("updateOrderConf put", "success", "-t", topic, "-v", BROKER + ":8", "-m", "put"),
                List.of("updateOrderConf get", BROKER + ":8", "-t", topic, "-m", "get"),
                List.of("updateOrderConf delete", "success", "-t", topic, "-m", "delete"),
                List.of("allocateMQ", "10.0.0.2", "-t", topic, "-i", "10.0.0.1,10.0.0.2"),
                List.of("statsAll", group, "-t", topic),
                List.of("deleteTopic", "success", "-c", CLUSTER, "-t", scratch),
                List.of("clusterList", "V5_4_0"),
                List.of("clusterList -m", BROKER, "-m"),
                List.of("updateBrokerConfig", "success", "-b", broker, "-k", "flushDelayOffsetInterval", "-v", "12000"),
                List.of("brokerStatus", "brokerVersionDesc", "-b", broker),
                List.of("brokerConsumeStats", "Diff Total: 0", "-b", broker),
                List.of("getBrokerConfig", "12000", "-b", broker),
                List.of("wipeWritePerm", "OK", "-b", BROKER),
                List.of("addWritePerm", "OK", "-b", BROKER),
                List.of("cleanExpiredCQ", "success", "-b", broker),
                List.of("cleanUnusedTopic", "success", "-b", broker),
                List.of("sendMsgStatus", "SEND_OK", "-b", BROKER, "-s", "64", "-c", "2"),
                List.of("queryMsgById", scene.key(PROBE), "-i", scene.sent(PROBE).getOffsetMsgId()),
                List.of("queryMsgByKey", scene.sent(PROBE).getMsgId(), "-t", topic, "-k", scene.key(PROBE)),
                List.of("queryMsgByOffset", scene.key(PROBE), "-t", topic, "-b", BROKER, "-i", probeQueue,
                        "-o", probeOffset),
                List.of("queryMsgByUniqueKey", scene.key(PROBE), "-t", topic, "-i", scene.sent(PROBE).getMsgId()),
                List.of("checkMsgSendRT", "Avg RT", "-t", UniqueName.of("Mqadmin498Rt"), "-a", "3", "-s", "64"),
                List.of("sendMessage", "SEND_OK", "-t", UniqueName.of("Mqadmin498Send"), "-p", "hello"),
                List.of("consumeMessage", "Consume ok", "-t", topic, "-b", BROKER, "-i", "0", "-o", "0", "-c", "3"),
                List.of("printMsg", "body of " + scene.key(PROBE), "-t", topic, "-d", "true"),
                List.of("printMsgByQueue", "MSGID", "-t", topic, "-a", BROKER, "-i", "0", "-p", "true"),
                List.of("queryCq", "physicOffset", "-t", topic, "-q", "0", "-i", "0", "-c", "2", "-b", broker),
                List.of("updateKvConfig", "success", "-s", "ORDER_TOPIC_CONFIG", "-k", topic, "-v", BROKER + ":4"),
                List.of("deleteKvConfig", "success", "-s", "ORDER_TOPIC_CONFIG", "-k", topic),
                List.of("getNamesrvConfig", "scanNotActiveBrokerInterval"),
                List.of("updateNamesrvConfig", "success", "-k", "scanNotActiveBrokerInterval", "-v", "6000"),
                List.of("consumerProgress -g", "Diff Total: 0", "-g", group),
                List.of("consumerProgress", group),
                List.of("consumerStatus", "Rebalance OK", "-g", group),
                List.of("updateSubGroup", "success", "-b", broker, "-g", scratch, "-r", "5"),
                List.of("deleteSubGroup", "success", "-b", broker, "-g", scratch),
                List.of("cloneGroupOffset", "success", "-s", group, "-d", UniqueName.of("Mqadmin498Clone"),
                        "-t", topic),
                List.of("consumerConnection", scene.consumerClientId(), "-g", group),
                List.of("producerConnection", scene.producerClientId(), "-g", scene.producerGroup, "-t", topic),
                List.of("resetOffsetByTime", BROKER, "-g", group, "-t", topic,
                        "-s", Long.toString(scene.firstSendTime() - 1_000), "-f", "true"));
    }
}
