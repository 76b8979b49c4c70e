package io.apogee.it;

import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.common.MQVersion;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Migration one broker at a time: replication between Apogee and Apache RocketMQ 5.4.0 brokers (the rocketmq-broker
 * jars of Maven Central, which module it/apache-broker copies to its target/lib, run as a child process; with the
 * 5.4.0 client of it/client5 only), both registered with an Apogee name server. An
 * Apache slave copies an Apogee master's commit log, and an Apogee slave an Apache master's, over the classic HA
 * protocol; each slave's store, read back after it stopped, holds every message sent to its master. The Apache
 * slave's store is read with Apogee's store. Last, an Apogee broker takes over a store directory an Apache broker
 * wrote and stopped on: every message is served, and a consumer group resumes at the offsets it committed to Apache;
 * and Apache's broker starts again on that directory afterwards (the way back) and serves every message. The
 * takeover is tested with a store of Apache 5.4.0 and one of 4.9.7, the newest 4.x broker on Maven Central
 * (module it/apache-broker-4).
 */
class ApacheReplicationIT extends ChildBrokerTest {

    private static final Logger LOG = LoggerFactory.getLogger(ApacheReplicationIT.class);
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    /** Apache's 5.4.0 broker and its dependencies, copied by module it/apache-broker (the tests run in it/client5). */
    private static final ApacheBroker APACHE_5 = new ApacheBroker("5.4.0", "apache-broker", List.of());
    /**
     * Apache's 4.9.7 broker (the newest 4.x on Maven Central), copied by module it/apache-broker-4. On stopping, it
     * frees mapped files by reflection ({@code DirectByteBuffer.attachment()}, {@code jdk.internal.ref.Cleaner}),
     * which Java 17 refuses without these flags: its shutdown hook then dies and leaves the store marked aborted.
     */
    private static final ApacheBroker APACHE_4 = new ApacheBroker("4.9.7", "apache-broker-4", List.of(
            "--add-opens", "java.base/java.nio=ALL-UNNAMED",
            "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED"));

    /** One Apache RocketMQ broker version: where module {@code module} copied its jars, and its extra JVM flags. */
    private record ApacheBroker(String version, String module, List<String> jvmArguments) {

        Path lib() {
            return Path.of("..", module, "target", "lib");
        }
    }

    private static void assumeApacheBroker(ApacheBroker broker) {
        assumeTrue(MQVersion.getVersionDesc(MQVersion.CURRENT_VERSION).startsWith("V5_"),
                "run once, with the 5.4.0 client of it/client5");
        assumeTrue(Files.exists(broker.lib().resolve("rocketmq-broker-" + broker.version() + ".jar")),
                "Apache's broker jars are copied to " + broker.lib().toAbsolutePath() + " by module it/"
                        + broker.module());
    }

    private Path apacheConfig(String name, String role, int brokerId) throws Exception {
        Path config = workDir.resolve(name + ".conf");
        Files.write(config, List.of(
                "brokerClusterName=ReplicaCluster",
                "brokerName=" + ApogeeServer.BROKER_NAME,
                "brokerId=" + brokerId,
                "brokerRole=" + role,
                "listenPort=" + ChildBroker.freeApachePort(),
                "brokerIP1=127.0.0.1",
                "brokerIP2=127.0.0.1",
                "storePathRootDir=" + workDir.resolve(name),
                "mappedFileSizeCommitLog=" + REPLICA_FILE_SIZE,
                "flushDiskType=ASYNC_FLUSH",
                "autoCreateTopicEnable=true"));
        return config;
    }

    private ChildBroker apache(String name, String role, int brokerId) throws Exception {
        return apache(APACHE_5, name, role, brokerId);
    }

    private ChildBroker apache(ApacheBroker broker, String name, String role, int brokerId) throws Exception {
        Path home = Files.createDirectories(workDir.resolve(name + "-home"));
        return track(ChildBroker.startApache(broker.lib(), broker.jvmArguments(), apacheConfig(name, role, brokerId),
                namesrvAddress, home, workDir.resolve(name + ".log")));
    }

    private ChildBroker apogee(String name, String role, int brokerId) throws Exception {
        return track(ChildBroker.start(writeReplicaConfig(name, role, brokerId), namesrvAddress,
                workDir.resolve(name + ".log")));
    }

    @Test
    void shouldReplicateFromAnApogeeMasterToAnApacheSlave() throws Exception {
        assumeApacheBroker(APACHE_5);
        ChildBroker master = apogee("apogee-master", "ASYNC_MASTER", 0);
        String topic = UniqueName.of("ToApacheTopic");
        Set<String> sent = KeyedMessages.sendOk(namesrvAddress, topic, "mixed", 200);
        ChildBroker slave = apache("apache-slave", "SLAVE", 1);

        LogEnds.awaitEqual(namesrvAddress, master.bootAddress(), slave.bootAddress(), PATIENCE);
        slave.terminate(PATIENCE);

        assertThat(StoreContents.keys(workDir.resolve("apache-slave"), topic))
                .as("messages in the Apache slave's store, read by Apogee's store").containsAll(sent);
    }

    @Test
    void shouldReplicateFromAnApacheMasterToAnApogeeSlave() throws Exception {
        assumeApacheBroker(APACHE_5);
        ChildBroker master = apache("apache-master", "ASYNC_MASTER", 0);
        String topic = UniqueName.of("FromApacheTopic");
        Set<String> sent = KeyedMessages.sendOk(namesrvAddress, topic, "mixed", 200);
        ChildBroker slave = apogee("apogee-slave", "SLAVE", 1);

        LogEnds.awaitEqual(namesrvAddress, master.bootAddress(), slave.bootAddress(), PATIENCE);
        slave.terminate(PATIENCE);

        assertThat(StoreContents.keys(workDir.resolve("apogee-slave"), topic))
                .as("messages in the Apogee slave's store").containsAll(sent);
    }

    @Test
    void shouldServeEveryMessageAndOffsetOfAStoreApacheWrote() throws Exception {
        assertThat(takeOverAStoreOf(APACHE_5)).contains("leaving rocksdbstore as it is");
    }

    @Test
    void shouldServeEveryMessageAndOffsetOfAStoreApache497Wrote() throws Exception {
        assertThat(takeOverAStoreOf(APACHE_4)).contains("leaving config/consumerFilter.json as it is")
                .doesNotContain("rocksdbstore");
    }

    /**
     * Apache {@code broker} writes a store (100 messages a group consumed, 50 more), Apogee takes it over and
     * serves all of them and the group's offsets, then Apache starts again on it and serves every message.
     * Returns what Apogee printed.
     */
    private String takeOverAStoreOf(ApacheBroker broker) throws Exception {
        assumeApacheBroker(broker);
        ChildBroker apache = apache(broker, "store", "ASYNC_MASTER", 0);
        String topic = UniqueName.of("TakeoverTopic");
        String group = UniqueName.of("TakeoverGroup");
        Set<String> first = KeyedMessages.sendOk(namesrvAddress, topic, "first", 100);
        ReceivedMessages beforeMove = new ReceivedMessages();
        DefaultMQPushConsumer consumer = consumer(group, topic, beforeMove);
        await().atMost(PATIENCE).until(() -> beforeMove.keys().containsAll(first));
        consumer.shutdown(); // commits its offsets to the Apache broker (oneway), which persists them on stopping
        awaitCommittedEverything(group, topic);
        Set<String> later = KeyedMessages.sendOk(namesrvAddress, topic, "later", 50);
        apache.terminate(PATIENCE);

        ChildBroker apogee = track(ChildBroker.start(writeReplicaConfig("store", "ASYNC_MASTER", 0),
                namesrvAddress, workDir.resolve("apogee-on-apache-store.log")));
        ReceivedMessages resumed = new ReceivedMessages();
        track(consumer(group, topic, resumed)::shutdown);
        ReceivedMessages everything = new ReceivedMessages();
        track(consumer(UniqueName.of("FreshGroup"), topic, everything)::shutdown);

        await().atMost(PATIENCE).until(() -> resumed.keys().containsAll(later)
                && everything.keys().containsAll(first) && everything.keys().containsAll(later));
        assertThat(resumed.keys()).as("the group resumes at the offsets it committed to Apache " + broker.version())
                .doesNotContainAnyElementsOf(first);
        String apogeeLog = apogee.logText();
        LOG.info("Apogee on the store of Apache {} says:\n{}", broker.version(), String.join("\n",
                apogeeLog.lines().filter(line -> line.contains("commit-log file") || line.contains("reading ")
                        || line.contains("leaving ")).toList()));
        assertThat(apogeeLog).contains("reading config/topics.json").contains("config/consumerOffset.json")
                .as("Apache stopped cleanly").doesNotContain("did not stop cleanly");

        apogee.terminate(PATIENCE);
        ChildBroker back = apache(broker, "store", "ASYNC_MASTER", 0);
        ReceivedMessages afterGoingBack = new ReceivedMessages();
        track(consumer(UniqueName.of("BackGroup"), topic, afterGoingBack)::shutdown);
        await().atMost(PATIENCE).until(() -> afterGoingBack.keys().containsAll(first)
                && afterGoingBack.keys().containsAll(later));
        assertThat(back.logText()).as("Apache " + broker.version() + " started again on the store Apogee used")
                .contains("boot success");
        return apogeeLog;
    }

    /** Waits until the broker holds the group's offsets at the end of every queue of the topic. */
    private void awaitCommittedEverything(String group, String topic) {
        try (AdminClient admin = new AdminClient(List.of(namesrvAddress), 5_000)) {
            await().atMost(PATIENCE).ignoreExceptionsInstanceOf(AdminException.class)
                    .until(() -> admin.consumeStats(group, topic).totalDiff() == 0);
        }
    }

    private DefaultMQPushConsumer consumer(String group, String topic, ReceivedMessages received) throws Exception {
        DefaultMQPushConsumer consumer = TestClients.pushConsumer(namesrvAddress, group);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener(received);
        consumer.start();
        return consumer;
    }
}
