package io.apogee.it;

import io.apogee.store.BrokerRole;
import io.apogee.store.GetResult;
import io.apogee.store.GetStatus;
import io.apogee.store.MessageStore;
import io.apogee.store.MessageStoreConfig;
import io.apogee.store.StoredMessage;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SYNC_MASTER replication with child broker processes: a master and its slave (same brokerName, brokerId 0 and 1,
 * the slave finding the master's HA port through the name server), four producer threads of the real client, and a
 * {@code kill -9} of the master under load. Every message the producer saw SEND_OK for is in the slave's store,
 * read back after the slave stops, with the master's store deleted; sends the master could not replicate come back
 * SLAVE_NOT_AVAILABLE or FLUSH_SLAVE_TIMEOUT, never SEND_OK.
 */
class ReplicationIT extends ChildBrokerTest {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicationIT.class);
    private static final int THREADS = 4;
    private static final int PER_THREAD = 2000;
    private static final int KILL_AFTER = 1500;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private Path brokerConfig(String name, String role, int brokerId) throws Exception {
        Path config = workDir.resolve(name + ".conf");
        Files.write(config, List.of(
                "brokerClusterName=ReplicaCluster",
                "brokerName=" + ApogeeServer.BROKER_NAME,
                "brokerId=" + brokerId,
                "brokerRole=" + role,
                "listenPort=0",
                "brokerIP1=127.0.0.1",
                "storePathRootDir=" + workDir.resolve(name),
                "mapedFileSizeCommitLog=" + (1024 * 1024),
                "flushDiskType=ASYNC_FLUSH",
                "autoCreateTopicEnable=true"));
        return config;
    }

    @Test
    void shouldKeepEverySendOkMessageOnTheSlaveWhenTheSyncMasterIsKilled() throws Exception {
        ChildBroker master = track(ChildBroker.start(brokerConfig("master", "SYNC_MASTER", 0), namesrvAddress,
                workDir.resolve("master.log")));
        ChildBroker slave = track(ChildBroker.start(brokerConfig("slave", "SLAVE", 1), namesrvAddress,
                workDir.resolve("slave.log")));
        String topic = UniqueName.of("ReplicaTopic");
        DefaultMQProducer producer = TestClients.startedProducer(namesrvAddress);
        track(producer::shutdown);
        await().atMost(PATIENCE).ignoreExceptions().until(() -> producer.send(
                KeyedMessages.message(topic, "TagA", "probe")).getSendStatus() == SendStatus.SEND_OK);

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Map<SendStatus, AtomicInteger> others = new ConcurrentHashMap<>();
        AtomicBoolean killing = new AtomicBoolean();
        ExecutorService senders = Executors.newFixedThreadPool(THREADS);
        track(senders::shutdownNow);
        List<Future<?>> streams = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            String prefix = "t" + t;
            streams.add(senders.submit(() -> send(producer, topic, prefix, acknowledged, others, killing)));
        }
        await().atMost(PATIENCE).until(() -> acknowledged.size() >= KILL_AFTER);
        killing.set(true);
        master.kill();
        for (Future<?> stream : streams) {
            stream.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
        deleteTree(workDir.resolve("master"));
        LOG.info("master killed with {} SEND_OK messages; other answers {}", acknowledged.size(), others);

        slave.terminate(PATIENCE);
        assertThat(slave.logText()).as("slave output").contains("shutdown complete");
        assertThat(keysInStore(workDir.resolve("slave"), topic)).as("every SEND_OK message on the slave")
                .containsAll(acknowledged);
    }

    private static void send(DefaultMQProducer producer, String topic, String prefix, Set<String> acknowledged,
                             Map<SendStatus, AtomicInteger> others, AtomicBoolean killing) {
        for (int i = 0; i < PER_THREAD && !killing.get(); i++) {
            String key = prefix + "-" + i;
            try {
                SendResult result = producer.send(KeyedMessages.message(topic, "TagA", key));
                if (result.getSendStatus() == SendStatus.SEND_OK) {
                    acknowledged.add(key);
                } else {
                    others.computeIfAbsent(result.getSendStatus(), s -> new AtomicInteger()).incrementAndGet();
                }
            } catch (Exception e) {
                if (!killing.get()) {
                    throw new AssertionError("send failed while the master was up", e);
                }
                return;
            }
        }
    }

    /** The KEYS of every message of {@code topic} in the store under {@code root}, opened in this process. */
    private static Set<String> keysInStore(Path root, String topic) throws Exception {
        MessageStoreConfig config = new MessageStoreConfig();
        config.storePathRootDir = root.toString();
        config.mapedFileSizeCommitLog = 1024 * 1024;
        config.brokerRole = BrokerRole.SLAVE;
        Set<String> keys = new HashSet<>();
        try (MessageStore store = new MessageStore(config)) {
            store.start();
            for (int queue = 0; queue < 16; queue++) {
                long offset = store.minOffsetInQueue(topic, queue);
                for (GetResult r; (r = store.get(topic, queue, offset, 64, 1 << 22, null)).status()
                        == GetStatus.FOUND; ) {
                    r.records().forEach(record -> keys.add(keysOf(record)));
                    offset = r.nextBeginOffset();
                    r.release();
                }
            }
        }
        return keys;
    }

    private static String keysOf(ByteBuffer record) {
        String props = StoredMessage.properties(record);
        int at = props.indexOf("KEYS\u0001");
        int end = props.indexOf('\u0002', at);
        return at < 0 ? "" : props.substring(at + 5, end < 0 ? props.length() : end);
    }

    private static void deleteTree(Path dir) throws Exception {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
