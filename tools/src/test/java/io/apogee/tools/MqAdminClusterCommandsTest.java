package io.apogee.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The mqadmin commands whose server side came with the admin work (stats, groups, KV config, broker config, index
 * queries), against a real name server and broker started in this JVM.
 */
class MqAdminClusterCommandsTest {

    @RegisterExtension
    static final EmbeddedClusterExtension CLUSTER = new EmbeddedClusterExtension();

    private static CliRun run(String... args) {
        return CLUSTER.run(args);
    }

    private static CliRun ok(String... args) {
        return CLUSTER.ok(args);
    }

    @Test
    void shouldShowTopicOffsetsAfterSends() {
        ok("updateTopic", "-c", "DefaultCluster", "-t", "StatTopic", "-r", "2", "-w", "2");
        ok("sendMessage", "-t", "StatTopic", "-p", "one", "-b", "broker-a", "-i", "1");

        CliRun status = ok("topicStatus", "-t", "StatTopic");

        assertThat(status.out()).contains("#Broker Name", "#Min Offset", "#Max Offset", "Topic Put TPS:");
        assertThat(status.out().lines().filter(l -> l.startsWith("broker-a")).toList()).hasSize(2)
                .anySatisfy(l -> assertThat(l).matches("broker-a\\s+1\\s+0\\s+1\\s+.*"));
    }

    @Test
    void shouldFindAMessageByKeyAndByItsOffsetMsgId() {
        ok("updateTopic", "-c", "DefaultCluster", "-t", "KeyTopic", "-r", "1", "-w", "1");
        ok("sendMessage", "-t", "KeyTopic", "-p", "keyed body", "-k", "order-42");

        CliRun byKey = await().atMost(Duration.ofSeconds(10)).until(
                () -> run("queryMsgByKey", "-t", "KeyTopic", "-k", "order-42"),
                r -> r.exitCode() == 0 && r.out().lines().count() == 2);
        CliRun byOffset = ok("queryMsgByOffset", "-t", "KeyTopic", "-b", "broker-a", "-i", "0", "-o", "0");
        String offsetMsgId = byOffset.out().lines().filter(l -> l.startsWith("OffsetID:")).findFirst()
                .orElseThrow().substring(20).trim();
        CliRun byId = ok("queryMsgById", "-i", offsetMsgId, "-f", "UTF-8");

        assertThat(byKey.out()).contains("#Message ID", "#QID", "#Offset");
        assertThat(byId.out()).contains("Keys:                [order-42]", "Message Body:        keyed body");
    }

    @Test
    void shouldKeepAndDropKvConfigOnTheNameServer() {
        ok("updateKvConfig", "-s", "NS1", "-k", "k1", "-v", "v1");
        CliRun get = ok("updateOrderConf", "-t", "OrderT", "-m", "put", "-v", "broker-a:4");
        CliRun read = ok("updateOrderConf", "-t", "OrderT", "-m", "get");
        CliRun delete = ok("deleteKvConfig", "-s", "NS1", "-k", "k1");
        CliRun config = ok("getNamesrvConfig");

        assertThat(get.out()).contains("update orderConf success. topic=[OrderT], orderConf=[broker-a:4]");
        assertThat(read.out()).contains("orderConf=[broker-a:4]");
        assertThat(delete.out()).contains("delete kv config from namespace success.");
        assertThat(config.out()).contains("============" + CLUSTER.namesrvAddress() + "============", "listenPort");
    }

    @Test
    void shouldReadAndChangeBrokerConfigAndWritePermission() {
        CliRun config = ok("getBrokerConfig", "-b", CLUSTER.brokerAddress());
        CliRun update = ok("updateBrokerConfig", "-b", CLUSTER.brokerAddress(), "-k", "flushIntervalCommitLog",
                "-v", "700");
        CliRun wipe = ok("wipeWritePerm", "-b", "broker-a");
        CliRun add = ok("addWritePerm", "-b", "broker-a");

        assertThat(config.out()).contains("brokerClusterName", "=  DefaultCluster");
        assertThat(update.out()).contains("update broker config success, " + CLUSTER.brokerAddress());
        assertThat(ok("getBrokerConfig", "-b", CLUSTER.brokerAddress()).out()).containsPattern(
                "flushIntervalCommitLog\\s+=  700");
        assertThat(wipe.out()).contains("wipe write perm of broker[broker-a] in name server[", "] OK, ");
        assertThat(add.out()).contains("add write perm of broker[broker-a] in name server[", "] OK, ");
    }

    @Test
    void shouldCreateAndDeleteASubscriptionGroupAndATopic() {
        CliRun create = ok("updateSubGroup", "-b", CLUSTER.brokerAddress(), "-g", "AdmGroup", "-r", "3");
        CliRun delete = ok("deleteSubGroup", "-b", CLUSTER.brokerAddress(), "-g", "AdmGroup");
        ok("updateTopic", "-c", "DefaultCluster", "-t", "DoomedTopic");
        CliRun deleteTopic = ok("deleteTopic", "-t", "DoomedTopic", "-c", "DefaultCluster");

        assertThat(create.out()).contains("create subscription group to " + CLUSTER.brokerAddress() + " success.",
                "groupName=AdmGroup", "retryMaxTimes=3");
        assertThat(delete.out()).contains("delete subscription group [AdmGroup] from broker [");
        assertThat(deleteTopic.out()).contains("delete topic [DoomedTopic] from cluster [DefaultCluster] success.",
                "delete topic [DoomedTopic] from NameServer success.");
        assertThat(run("topicRoute", "-t", "DoomedTopic").exitCode()).isEqualTo(1);
    }

    @Test
    void shouldSetTheConsumeModeOfATopicForAGroupAndRefuseRetryTopics() {
        ok("updateTopic", "-c", "DefaultCluster", "-t", "PopTopic", "-r", "2", "-w", "2");

        CliRun set = ok("setConsumeMode", "-c", "DefaultCluster", "-t", "PopTopic", "-g", "PopGroup", "-m", "POP",
                "-q", "1");
        CliRun retry = run("setConsumeMode", "-b", CLUSTER.brokerAddress(), "-t", "%RETRY%PopGroup", "-g",
                "PopGroup", "-m", "POP");

        assertThat(set.out()).contains("set consume mode to " + CLUSTER.brokerAddress() + " success.",
                "topic[PopTopic] group[PopGroup] consume mode[POP] popShareQueueNum[1]");
        assertThat(retry.exitCode()).isEqualTo(1);
        assertThat(retry.err()).contains("retry topic is not allowed to set mode");
    }

    @Test
    void shouldShowConsumeQueueUnitsAndCleanQueues() {
        ok("updateTopic", "-c", "DefaultCluster", "-t", "CqTopic", "-r", "1", "-w", "1");
        ok("sendMessage", "-t", "CqTopic", "-p", "a");

        CliRun cq = ok("queryCq", "-t", "CqTopic", "-q", "0", "-i", "0", "-c", "1");

        assertThat(cq.out()).contains("Queue data:", "max: 1, min: 0", "idx: 0", "physicOffset");
        assertThat(ok("cleanExpiredCQ", "-b", CLUSTER.brokerAddress()).out()).contains("success");
        assertThat(ok("cleanUnusedTopic", "-c", "DefaultCluster").out()).contains("success");
    }

    @Test
    void shouldFailInOneLineForAnUnknownCluster() {
        CliRun run = run("updateTopic", "-c", "NoSuchCluster", "-t", "T1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo(
                "mqadmin updateTopic: cluster [NoSuchCluster] not exist or has no master broker");
    }
}
