package io.apogee.it;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Consumers and a master/slave pair of child broker processes (same brokerName, brokerId 0 and 1, the slave finding
 * its master through the name server): when the master is killed, consumers read from the slave — a new group at
 * once, a running one after its client's next route refresh — and come back to the master when it returns. The
 * loss of a master under load is in {@link TwoMastersTwoSlavesIT}.
 */
class ReplicationIT extends ChildBrokerTest {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicationIT.class);
    private static final Duration PATIENCE = Duration.ofSeconds(60);

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




    @Test
    void shouldCopyAGibibyteOfLogToANewEmptySlave() throws Exception {
        String topic = UniqueName.of("BulkTopic");
        int messages = 8 * 1024;
        StoreContents.fill(workDir.resolve("master"), topic, messages, 128 * 1024); // 1 GiB of bodies
        ChildBroker master = track(ChildBroker.start(writeReplicaConfig("master", "ASYNC_MASTER", 0),
                namesrvAddress, workDir.resolve("master.log")));
        long start = System.currentTimeMillis();
        ChildBroker slave = track(ChildBroker.start(writeReplicaConfig("slave", "SLAVE", 1), namesrvAddress,
                workDir.resolve("slave.log")));

        LogEnds.awaitEqual(namesrvAddress, master.bootAddress(), slave.bootAddress(), Duration.ofMinutes(3));
        LOG.info("an empty slave copied its master's 1 GiB log in {} ms", System.currentTimeMillis() - start);
        slave.terminate(PATIENCE);

        assertThat(StoreContents.keys(workDir.resolve("slave"), topic)).as("every message on the slave")
                .hasSize(messages);
        assertThat(master.logText()).contains("streaming from offset 0");
    }

}
