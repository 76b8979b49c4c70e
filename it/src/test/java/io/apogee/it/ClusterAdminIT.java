package io.apogee.it;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.distribution.Standalone;
import io.apogee.namesrv.NamesrvConfig;
import io.apogee.store.MessageStoreConfig;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.MQVersion;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.apache.rocketmq.tools.command.topic.DeleteTopicSubCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Apache's {@code DefaultMQAdminExt} (4.9.8 or 5.4.0, whichever module runs this) against the cluster-admin codes
 * of the name server and the broker: {@code mqadmin deleteTopic} (215 + 216) leaving the topic unroutable, the KV
 * config (100, 101, 102, 219), the name server's and the broker's runtime config (318/319, 25/26; the broker's
 * config file rewritten), wiping and adding back a broker's write permission (205/327) as a producer sees it,
 * consume-queue housekeeping (306, 316) and queue inspection (321). With tools 5.4.0 the {@code mqadmin deleteTopic}
 * and {@code updateOrderConf} command lines run too.
 *
 * <p>The admin classes whose package differs between the two client versions (KVTable,
 * QueryConsumeQueueResponseBody) are used through {@code var} only, so this one source compiles against both.
 */
class ClusterAdminIT {

    private static final String CLUSTER = "DefaultCluster";

    private static Path dir;
    private static Path brokerConf;
    private static Standalone server;
    private DefaultMQAdminExt admin;

    @BeforeAll
    static void startServer() throws Exception {
        dir = Files.createTempDirectory("apogee-it-ClusterAdminIT");
        brokerConf = dir.resolve("broker.conf");
        Files.writeString(brokerConf, "# written by ClusterAdminIT\nbrokerName=" + ApogeeServer.BROKER_NAME + "\n");
        NamesrvConfig namesrv = new NamesrvConfig();
        namesrv.listenPort = 0;
        namesrv.kvConfigPath = dir.resolve("namesrv/kvConfig.json").toString();
        BrokerConfig broker = new BrokerConfig();
        broker.listenPort = 0;
        broker.brokerIP1 = "127.0.0.1";
        broker.brokerName = ApogeeServer.BROKER_NAME;
        MessageStoreConfig store = new MessageStoreConfig();
        store.storePathRootDir = dir.resolve("store").toString();
        store.mapedFileSizeCommitLog = 16 * 1024 * 1024;
        server = new Standalone(namesrv, broker, store).brokerConfigFile(brokerConf);
        server.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @BeforeEach
    void startAdmin() throws Exception {
        admin = new DefaultMQAdminExt();
        admin.setNamesrvAddr(server.namesrvAddress());
        admin.setInstanceName(UniqueName.of("admin"));
        admin.start();
    }

    @AfterEach
    void stopAdmin() {
        admin.shutdown();
    }

    private static String brokerAddress() {
        return server.broker().address();
    }

    /** Sends {@code count} messages to {@code topic} (auto-created) with a fresh producer. */
    private static void produce(String topic, int count) throws Exception {
        DefaultMQProducer producer = TestClients.startedProducer(server.namesrvAddress());
        try {
            for (int i = 0; i < count; i++) {
                Message message = new Message(topic, "TagA", ("m" + i).getBytes(StandardCharsets.UTF_8));
                assertThat(producer.send(message).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
            }
        } finally {
            producer.shutdown();
        }
    }

    @Test
    void shouldLeaveTheTopicUnroutableAfterMqadminDeleteTopic() throws Exception {
        String topic = UniqueName.of("Deleted");
        produce(topic, 2);
        assertThat(admin.examineTopicRouteInfo(topic).getQueueDatas()).isNotEmpty();

        DeleteTopicSubCommand.deleteTopic(admin, CLUSTER, topic);

        assertThatThrownBy(() -> admin.examineTopicRouteInfo(topic)).isInstanceOf(MQClientException.class)
                .hasMessageContaining("No topic route info");
        assertThat(server.broker().topics().find(topic)).isNull();
        assertThat(server.broker().store().queueTopics()).doesNotContain(topic);
    }

    @Test
    void shouldLeaveTheTopicUnroutableAfterTheMqadminCommandLine() throws Exception {
        // 4.9.8's mqadmin needs rocketmq.home.dir for its logging and stops without it (as in ApacheMqadminIT)
        assumeTrue(MQVersion.getVersionDesc(MQVersion.CURRENT_VERSION).startsWith("V5_"), "mqadmin 5.4.0 only");
        String topic = UniqueName.of("DeletedCli");
        produce(topic, 1);
        Mqadmin mqadmin = new ApacheMqadmin(server.namesrvAddress(), new RequestCodeLog());

        Mqadmin.Output output = mqadmin.run("deleteTopic", "-c", CLUSTER, "-t", topic);

        assertThat(output.failed()).as(output.toString()).isFalse();
        assertThat(output.out()).as(output.toString())
                .contains("delete topic [" + topic + "] from NameServer success");
        assertThatThrownBy(() -> admin.examineTopicRouteInfo(topic)).isInstanceOf(MQClientException.class);
        Mqadmin.Output orderConf = mqadmin.run("updateOrderConf", "-t", topic, "-v", "broker-it:4", "-m", "put");
        assertThat(orderConf.failed()).as(orderConf.toString()).isFalse();
        assertThat(admin.getKVConfig("ORDER_TOPIC_CONFIG", topic)).isEqualTo("broker-it:4");
    }

    @Test
    void shouldStoreReadListAndDeleteKvConfig() throws Exception {
        admin.createAndUpdateKvConfig("ORDER_TOPIC_CONFIG", "TopicKv", "broker-it:4");
        admin.createAndUpdateKvConfig("ORDER_TOPIC_CONFIG", "TopicKv2", "broker-it:2");

        assertThat(admin.getKVConfig("ORDER_TOPIC_CONFIG", "TopicKv")).isEqualTo("broker-it:4");
        var table = admin.getKVListByNamespace("ORDER_TOPIC_CONFIG");
        assertThat(table.getTable()).containsEntry("TopicKv", "broker-it:4").containsEntry("TopicKv2", "broker-it:2");
        assertThat(Files.readString(dir.resolve("namesrv/kvConfig.json"))).contains("\"TopicKv\":\"broker-it:4\"");

        admin.deleteKvConfig("ORDER_TOPIC_CONFIG", "TopicKv");

        assertThatThrownBy(() -> admin.getKVConfig("ORDER_TOPIC_CONFIG", "TopicKv"))
                .hasMessageContaining("No config item");
    }

    @Test
    void shouldReadAndUpdateTheNameServerConfig() throws Exception {
        List<String> nameServers = List.of(server.namesrvAddress());
        Map<String, Properties> before = admin.getNameServerConfig(nameServers);
        assertThat(before.get(server.namesrvAddress())).containsEntry("brokerChannelExpiredTime", "120000");

        Properties change = new Properties();
        change.setProperty("brokerChannelExpiredTime", "90000");
        admin.updateNameServerConfig(change, nameServers);

        assertThat(admin.getNameServerConfig(nameServers).get(server.namesrvAddress()))
                .containsEntry("brokerChannelExpiredTime", "90000");
        Properties typo = new Properties();
        typo.setProperty("brokerChannelExpiredTme", "1000");
        assertThatThrownBy(() -> admin.updateNameServerConfig(typo, nameServers))
                .hasMessageContaining("did you mean 'brokerChannelExpiredTime'");
    }

    @Test
    void shouldReadAndUpdateTheBrokerConfigAndRewriteItsFile() throws Exception {
        assertThat(admin.getBrokerConfig(brokerAddress())).containsEntry("brokerName", ApogeeServer.BROKER_NAME)
                .containsEntry("fileReservedTime", "72");

        Properties change = new Properties();
        change.setProperty("fileReservedTime", "96");
        admin.updateBrokerConfig(brokerAddress(), change);

        assertThat(admin.getBrokerConfig(brokerAddress())).containsEntry("fileReservedTime", "96");
        assertThat(Files.readAllLines(brokerConf)).contains("fileReservedTime=96", "# written by ClusterAdminIT");
        Properties fixed = new Properties();
        fixed.setProperty("listenPort", "10999");
        assertThatThrownBy(() -> admin.updateBrokerConfig(brokerAddress(), fixed))
                .hasMessageContaining("listenPort cannot change while the server runs");
    }

    @Test
    void shouldStopAndResumeProducersWithTheBrokersWritePermission() throws Exception {
        String topic = UniqueName.of("Perm");
        produce(topic, 1);
        try {
            int wiped = admin.wipeWritePermOfBroker(server.namesrvAddress(), ApogeeServer.BROKER_NAME);

            assertThat(wiped).isPositive();
            assertThatThrownBy(() -> produce(topic, 1)).isInstanceOf(MQClientException.class)
                    .hasMessageContaining("No route info");
        } finally {
            int added = admin.addWritePermOfBroker(server.namesrvAddress(), ApogeeServer.BROKER_NAME);
            assertThat(added).isPositive();
        }
        produce(topic, 1);
    }

    @Test
    void shouldCleanExpiredConsumeQueuesAndUnusedTopicsKeepingLiveOnes() throws Exception {
        String topic = UniqueName.of("Clean");
        produce(topic, 1);

        assertThat(admin.cleanExpiredConsumerQueue(CLUSTER)).isTrue();
        assertThat(admin.cleanUnusedTopic(CLUSTER)).isTrue();

        assertThat(server.broker().store().queueTopics()).contains(topic);
    }

    @Test
    void shouldShowTheRawUnitsOfAConsumeQueue() throws Exception {
        String topic = UniqueName.of("Cq");
        produce(topic, 8);
        await().atMost(Duration.ofSeconds(5)).until(() -> firstNonEmptyQueue(topic) >= 0);
        int queueId = firstNonEmptyQueue(topic);

        var body = admin.queryConsumeQueue(brokerAddress(), topic, queueId, 0, 10, null);

        assertThat(body.getMaxQueueIndex()).isPositive();
        assertThat(body.getQueueData()).hasSize((int) body.getMaxQueueIndex());
        assertThat(body.getQueueData().get(0).getTagsCode()).isEqualTo("TagA".hashCode());
        assertThat(body.getQueueData().get(0).getPhysicSize()).isPositive();
    }

    /** The first queue of {@code topic} holding a dispatched message, or -1. */
    private static int firstNonEmptyQueue(String topic) {
        for (int queueId = 0; queueId < 16; queueId++) {
            if (server.broker().store().maxOffsetInQueue(topic, queueId) > 0) {
                return queueId;
            }
        }
        return -1;
    }
}
