package io.apogee.it;

import org.apache.rocketmq.common.MQVersion;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Migration one broker at a time: replication between Apogee and Apache RocketMQ 5.4.0 brokers (the rocketmq-broker
 * jars of Maven Central, which module it/apache-broker copies to its target/lib, run as a child process; with the
 * 5.4.0 client of it/client5 only), both registered with an Apogee name server. An
 * Apache slave copies an Apogee master's commit log, and an Apogee slave an Apache master's, over the classic HA
 * protocol; each slave's store, read back after it stopped, holds every message sent to its master. The Apache
 * slave's store is read with Apogee's store, so this also shows Apogee reading a store Apache wrote.
 */
class ApacheReplicationIT extends ChildBrokerTest {

    private static final Logger LOG = LoggerFactory.getLogger(ApacheReplicationIT.class);
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    /** Apache's broker and its dependencies, copied by module it/apache-broker (the tests run in it/client5). */
    private static final Path APACHE_LIB = Path.of("..", "apache-broker", "target", "lib");

    private static void assumeApacheBroker() {
        assumeTrue(MQVersion.getVersionDesc(MQVersion.CURRENT_VERSION).startsWith("V5_"),
                "run once, with the 5.4.0 client of it/client5");
        assumeTrue(Files.exists(APACHE_LIB.resolve("rocketmq-broker-5.4.0.jar")),
                "Apache's broker jars are copied to " + APACHE_LIB.toAbsolutePath() + " by module it/apache-broker");
    }

    /** A port P with P - 2 (Apache's fast port) and P + 1 (its HA port) free too. */
    private static int freeApachePort() throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 40_000);
            if (free(port - 2) && free(port) && free(port + 1)) {
                return port;
            }
        }
        throw new IOException("no free port triple found");
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port)) {
            return s.getLocalPort() == port;
        } catch (IOException e) {
            return false;
        }
    }

    private Path apacheConfig(String name, String role, int brokerId) throws Exception {
        Path config = workDir.resolve(name + ".conf");
        Files.write(config, List.of(
                "brokerClusterName=ReplicaCluster",
                "brokerName=" + ApogeeServer.BROKER_NAME,
                "brokerId=" + brokerId,
                "brokerRole=" + role,
                "listenPort=" + freeApachePort(),
                "brokerIP1=127.0.0.1",
                "brokerIP2=127.0.0.1",
                "storePathRootDir=" + workDir.resolve(name),
                "mappedFileSizeCommitLog=" + REPLICA_FILE_SIZE,
                "flushDiskType=ASYNC_FLUSH",
                "autoCreateTopicEnable=true"));
        return config;
    }

    private ChildBroker apache(String name, String role, int brokerId) throws Exception {
        Path home = Files.createDirectories(workDir.resolve(name + "-home"));
        return track(ChildBroker.startApache(APACHE_LIB, apacheConfig(name, role, brokerId), namesrvAddress, home,
                workDir.resolve(name + ".log")));
    }

    private ChildBroker apogee(String name, String role, int brokerId) throws Exception {
        return track(ChildBroker.start(writeReplicaConfig(name, role, brokerId), namesrvAddress,
                workDir.resolve(name + ".log")));
    }


    /** Waits until both brokers report the same commit-log end (GET_BROKER_RUNTIME_INFO, Apache's admin API). */
    private void awaitSameLogEnd(String masterAddress, String slaveAddress) throws Exception {
        DefaultMQAdminExt admin = new DefaultMQAdminExt(UniqueName.of("replication-admin"));
        admin.setNamesrvAddr(namesrvAddress);
        admin.start();
        try {
            await().atMost(PATIENCE).ignoreExceptions().until(() -> {
                String master = admin.fetchBrokerRuntimeStats(masterAddress).getTable().get("commitLogMaxOffset");
                String slave = admin.fetchBrokerRuntimeStats(slaveAddress).getTable().get("commitLogMaxOffset");
                LOG.debug("commit-log end: master {}, slave {}", master, slave);
                return master.equals(slave) && Long.parseLong(master) > 0;
            });
        } finally {
            admin.shutdown();
        }
    }

    private static String addressOf(ChildBroker broker) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("The broker\\[[^,]+, ([^\\]]+)\\] boot success")
                .matcher(broker.logText());
        assertThat(m.find()).as("boot line in%n%s", broker.logText()).isTrue();
        return m.group(1);
    }

    @Test
    void shouldReplicateFromAnApogeeMasterToAnApacheSlave() throws Exception {
        assumeApacheBroker();
        ChildBroker master = apogee("apogee-master", "ASYNC_MASTER", 0);
        String topic = UniqueName.of("ToApacheTopic");
        Set<String> sent = KeyedMessages.sendOk(namesrvAddress, topic, "mixed", 200);
        ChildBroker slave = apache("apache-slave", "SLAVE", 1);

        awaitSameLogEnd(addressOf(master), addressOf(slave));
        slave.terminate(PATIENCE);

        assertThat(StoreContents.keys(workDir.resolve("apache-slave"), topic))
                .as("messages in the Apache slave's store, read by Apogee's store").containsAll(sent);
    }

    @Test
    void shouldReplicateFromAnApacheMasterToAnApogeeSlave() throws Exception {
        assumeApacheBroker();
        ChildBroker master = apache("apache-master", "ASYNC_MASTER", 0);
        String topic = UniqueName.of("FromApacheTopic");
        Set<String> sent = KeyedMessages.sendOk(namesrvAddress, topic, "mixed", 200);
        ChildBroker slave = apogee("apogee-slave", "SLAVE", 1);

        awaitSameLogEnd(addressOf(master), addressOf(slave));
        slave.terminate(PATIENCE);

        assertThat(StoreContents.keys(workDir.resolve("apogee-slave"), topic))
                .as("messages in the Apogee slave's store").containsAll(sent);
    }
}
