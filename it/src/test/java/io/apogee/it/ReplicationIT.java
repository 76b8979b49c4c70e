package io.apogee.it;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    @Test
    void shouldKeepEverySendOkMessageOnTheSlaveWhenTheSyncMasterIsKilled() throws Exception {
        ChildBroker master = track(ChildBroker.start(writeReplicaConfig("master", "SYNC_MASTER", 0),
                namesrvAddress, workDir.resolve("master.log")));
        ChildBroker slave = track(ChildBroker.start(writeReplicaConfig("slave", "SLAVE", 1), namesrvAddress,
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
        assertThat(StoreContents.keys(workDir.resolve("slave"), topic)).as("every SEND_OK message on the slave")
                .containsAll(acknowledged);
    }

    @Test
    void shouldServeAConsumerFromTheSlaveWhenTheMasterIsGone() throws Exception {
        ChildBroker master = track(ChildBroker.start(writeReplicaConfig("master", "ASYNC_MASTER", 0),
                namesrvAddress, workDir.resolve("master.log")));
        ChildBroker slave = track(ChildBroker.start(writeReplicaConfig("slave", "SLAVE", 1), namesrvAddress,
                workDir.resolve("slave.log")));
        String topic = UniqueName.of("FailoverTopic");
        DefaultMQProducer producer = TestClients.startedProducer(namesrvAddress);
        track(producer::shutdown);
        Set<String> sent = KeyedMessages.sendOk(producer, topic, "failover", 100);
        await().atMost(PATIENCE).until(() -> slave.logText().contains("metadata sync: topics replaced"));
        master.kill();
        long killedAt = System.currentTimeMillis();

        ReceivedMessages received = new ReceivedMessages();
        DefaultMQPushConsumer consumer = TestClients.pushConsumer(namesrvAddress, UniqueName.of("FailoverGroup"));
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener(received);
        consumer.start();
        track(consumer::shutdown);

        await().atMost(PATIENCE).until(() -> !received.keys().isEmpty());
        LOG.info("first message consumed from the slave {} ms after kill -9 of the master",
                System.currentTimeMillis() - killedAt);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(received.keys()).as("read from the slave")
                .containsAll(sent));
    }

    @Test
    void shouldKeepARunningConsumerConsumingThroughTheLossAndReturnOfItsMaster() throws Exception {
        Path masterConfig = writeReplicaConfig("master", "SYNC_MASTER", 0);
        ChildBroker master = ChildBroker.start(masterConfig, namesrvAddress, workDir.resolve("master-1.log"));
        track(() -> master.close());
        ChildBroker slave = track(ChildBroker.start(writeReplicaConfig("slave", "SLAVE", 1), namesrvAddress,
                workDir.resolve("slave.log")));
        String topic = UniqueName.of("MovingTopic");
        DefaultMQProducer producer = TestClients.startedProducer(namesrvAddress);
        track(producer::shutdown);
        await().atMost(PATIENCE).ignoreExceptions().until(() -> producer.send(
                KeyedMessages.message(topic, "TagA", "probe")).getSendStatus() == SendStatus.SEND_OK);
        ReceivedMessages received = new ReceivedMessages();
        DefaultMQPushConsumer consumer = TestClients.pushConsumer(namesrvAddress, UniqueName.of("MovingGroup"));
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener(received);
        consumer.start();
        track(consumer::shutdown);

        Set<String> before = KeyedMessages.sendOk(producer, topic, "before", 50);
        await().atMost(PATIENCE).until(() -> received.keys().containsAll(before));
        await().atMost(PATIENCE).until(() -> slave.logText().contains("metadata sync: topics replaced"));
        consumer.suspend();
        Set<String> stranded = KeyedMessages.sendOk(producer, topic, "stranded", 50);
        master.kill();
        long killedAt = System.currentTimeMillis();
        consumer.resume();
        await().atMost(PATIENCE).until(() -> received.keys().containsAll(stranded));
        LOG.info("a running consumer read every message stranded on the slave {} ms after kill -9 of its master",
                System.currentTimeMillis() - killedAt);

        track(ChildBroker.start(masterConfig, namesrvAddress, workDir.resolve("master-2.log")));
        Set<String> after = new HashSet<>();
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> after.addAll(KeyedMessages.sendOk(producer,
                topic, "after", 50)));
        await().atMost(PATIENCE).until(() -> received.keys().containsAll(after));
        LOG.info("consumer moved to the slave and back; duplicates delivered: {}", received.duplicates().size());
        assertThat(received.keys()).containsAll(before).containsAll(stranded).containsAll(after);
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

    private static void deleteTree(Path dir) throws Exception {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
