package io.apogee.broker.slave;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.broker.BrokerServer;
import io.apogee.broker.assignment.MessageRequestModes;
import io.apogee.broker.assignment.RequestMode;
import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.offset.ConsumerOffsetTable;
import io.apogee.broker.subscription.SubscriptionGroupConfig;
import io.apogee.broker.subscription.SubscriptionGroupTable;
import io.apogee.broker.topic.TopicTable;
import io.apogee.common.io.MetadataWriter;
import io.apogee.remoting.body.MessageRequestMode;
import io.apogee.remoting.body.TopicConfig;
import io.apogee.store.MessageStoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A slave's metadata copy against a real master broker on an ephemeral port: topics and subscription groups are
 * replaced by the master's, consumer offsets merged keeping the larger, delay offsets handed over, request modes
 * replaced by the master's.
 */
class SlaveSyncTest {

    @TempDir
    Path dir;

    private BrokerServer master;
    private MetadataWriter writer;
    private TopicTable topics;
    private ConsumerOffsetTable offsets;
    private SubscriptionGroupTable groups;
    private MessageRequestModes modes;
    private final Map<Integer, Long> delayOffsets = new ConcurrentHashMap<>();
    private SlaveSync sync;

    @BeforeEach
    void startMasterAndSlaveTables() throws Exception {
        BrokerConfig config = new BrokerConfig();
        config.listenPort = 0;
        config.brokerIP1 = "127.0.0.1";
        MessageStoreConfig storeConfig = new MessageStoreConfig();
        storeConfig.storePathRootDir = dir.resolve("master").toString();
        storeConfig.mapedFileSizeCommitLog = 1024 * 1024;
        master = new BrokerServer(config, storeConfig);
        master.start();
        Path slaveConfig = Files.createDirectories(dir.resolve("slave"));
        writer = new MetadataWriter("slave-metadata-writer");
        topics = new TopicTable(new BrokerConfig(), slaveConfig, writer);
        topics.load();
        offsets = new ConsumerOffsetTable(slaveConfig);
        groups = new SubscriptionGroupTable(slaveConfig, true, writer);
        modes = new MessageRequestModes(slaveConfig, new BrokerConfig(), writer);
        sync = new SlaveSync(topics, offsets, groups, modes, delayOffsets::putAll, "127.0.0.1:1");
        sync.masterAddress(master.address());
    }

    @AfterEach
    void stop() {
        sync.close();
        writer.close();
        master.close();
    }

    @Test
    void shouldCopyTheMastersTopicsAndGroups() throws Exception {
        master.topics().update(new TopicConfig("SyncedTopic", 3, TopicConfig.PERM_READ | TopicConfig.PERM_WRITE))
                .join();
        master.consumeSide().subscriptionGroups().put(new SubscriptionGroupConfig("SyncedGroup")).join();
        master.consumeSide().requestModes().set("SyncedTopic", "SyncedGroup", MessageRequestMode.POP, 2).join();
        topics.update(new TopicConfig("SlaveOnlyTopic", 1, 6)).join();

        sync.syncOnce();

        assertThat(topics.find("SyncedTopic")).isNotNull();
        assertThat(topics.find("SyncedTopic").readQueueNums).isEqualTo(3);
        assertThat(topics.find("SlaveOnlyTopic")).as("the master's table replaces the slave's").isNull();
        assertThat(topics.dataVersion().counter).isEqualTo(master.topics().dataVersion().counter);
        assertThat(groups.find("SyncedGroup")).isNotNull();
        assertThat(delayOffsets).as("every delay level's progress").hasSize(18);
        assertThat(modes.mode("SyncedTopic", "SyncedGroup"))
                .isEqualTo(new RequestMode(MessageRequestMode.POP, 2, true));
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(dir.resolve("slave").resolve("topics.json")));
    }

    @Test
    void shouldKeepTheLargerOffsetOfEachQueue() throws Exception {
        master.consumeSide().offsets().commit("G", "T", 0, 5);
        master.consumeSide().offsets().commit("G", "T", 1, 5);
        offsets.commit("G", "T", 1, 9); // committed to the slave while the master was away

        sync.syncOnce();

        assertThat(offsets.query("G", "T", 0)).isEqualTo(5);
        assertThat(offsets.query("G", "T", 1)).as("not rewound by the master's older offset").isEqualTo(9);
    }
}
