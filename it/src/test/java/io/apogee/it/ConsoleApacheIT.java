package io.apogee.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.apogee.console.ConsoleConfig;
import io.apogee.console.ConsoleServer;
import io.apogee.console.WebSession;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.message.MessageQueue;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.rocketmq.common.MQVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console against a cluster that is Apache RocketMQ 5.4.0 throughout (name server and broker from Maven
 * Central's jars, as child processes; module it/apache-broker copies them): it logs in with the password it
 * generated, shows the brokers, topics, queues and a group's lag, finds a message by key, and creates a topic and
 * skips a group to the latest message on Apache's broker, since it speaks only the admin protocol. Runs once, with
 * the 5.4.0 client of it/client5.
 */
class ConsoleApacheIT {

    private static final Path LIB = Path.of("..", "apache-broker", "target", "lib");
    private static final String CLUSTER = "ApacheCluster";
    private static final String BROKER = "apache-a";

    @TempDir
    Path workDir;
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
    }

    private <T extends AutoCloseable> T track(T closeable) {
        cleanup.add(closeable);
        return closeable;
    }

    @Test
    void shouldShowAndChangeAnApacheClusterThroughTheConsole() throws Exception {
        assumeTrue(MQVersion.getVersionDesc(MQVersion.CURRENT_VERSION).startsWith("V5_"), "run once, with 5.4.0");
        assumeTrue(Files.exists(LIB.resolve("rocketmq-namesrv-5.4.0.jar")), "module it/apache-broker copies the jars");
        String namesrv = startApacheCluster();
        String topic = UniqueName.of("ConsoleApacheTopic");
        Set<String> keys = KeyedMessages.sendOk(namesrv, topic, "apache", 20);
        AdminClient admin = track(new AdminClient(List.of(namesrv), 5_000));
        String brokerAddr = admin.route(topic).brokerDatas.get(0).brokerAddrs.get(0L);
        admin.groups().createOrUpdateSubscriptionGroup(brokerAddr, Map.of("groupName", "ConsoleApacheGroup"));
        MessageQueue queue = new MessageQueue(topic, BROKER, 0);
        admin.messages().updateConsumerOffset(brokerAddr, "ConsoleApacheGroup", queue, 0);
        WebSession session = logIn(startConsole(namesrv));

        assertThat(session.get("/").body()).contains(CLUSTER, BROKER, brokerAddr, "answering", "V5_4_0")
                .doesNotContain("failing");
        assertThat(session.get("/topics?q=ConsoleApacheTopic").body()).contains(topic);
        assertThat(session.get("/topics/view?topic=" + topic).body()).contains("class=\"queue\"", BROKER)
                .containsPattern("ConsoleApacheGroup|no group");
        long backlog = admin.messages().maxOffset(brokerAddr, queue);
        assertThat(session.get("/groups/view?group=ConsoleApacheGroup").body())
                .as("Apache lists every queue of the topic, at offset 0 where the group committed none")
                .contains("<b id=\"total-lag\">20</b>", "class=\"queue\"");
        String key = keys.iterator().next();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(session.get("/messages?mode=key&topic="
                + topic + "&key=" + key).body()).as("found by key through Apache's index").contains(key, topic));

        HttpResponse<String> created = session.post("/topics", Map.of("topic", "ConsoleMadeTopic", "cluster", CLUSTER,
                "writeQueueNums", "2", "readQueueNums", "2", "perm", "6"));
        HttpResponse<String> skipped = session.post("/groups/skip", Map.of("group", "ConsoleApacheGroup", "topic",
                topic));

        assertThat(created.statusCode()).isEqualTo(302);
        assertThat(admin.topicConfig(brokerAddr, "ConsoleMadeTopic").writeQueueNums).isEqualTo(2);
        assertThat(skipped.statusCode()).isEqualTo(302);
        assertThat(admin.messages().consumerOffset(brokerAddr, "ConsoleApacheGroup", queue)).isEqualTo(backlog);
    }

    /** Apache's name server and one broker; the name server's address once the broker is registered. */
    private String startApacheCluster() throws Exception {
        int namesrvPort;
        try (ServerSocket free = new ServerSocket(0)) {
            namesrvPort = free.getLocalPort();
        }
        track(ChildBroker.startApacheNamesrv(LIB, namesrvPort, workDir.resolve("namesrv-home"),
                workDir.resolve("namesrv.log")));
        String namesrv = "127.0.0.1:" + namesrvPort;
        Path config = workDir.resolve("broker.conf");
        Files.write(config, List.of("brokerClusterName=" + CLUSTER, "brokerName=" + BROKER, "brokerId=0",
                "listenPort=" + ChildBroker.freeApachePort(), "brokerIP1=127.0.0.1", "brokerIP2=127.0.0.1",
                "storePathRootDir=" + workDir.resolve("store"), "mappedFileSizeCommitLog=" + (4 * 1024 * 1024),
                "autoCreateTopicEnable=true"));
        track(ChildBroker.startApache(LIB, List.of(), config, namesrv, workDir.resolve("broker-home"),
                workDir.resolve("broker.log")));
        try (AdminClient admin = new AdminClient(List.of(namesrv), 5_000)) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> !admin.clusterInfo().brokerAddrTable.isEmpty());
        }
        return namesrv;
    }

    private ConsoleServer startConsole(String namesrv) throws Exception {
        ConsoleConfig config = new ConsoleConfig();
        config.consolePort = 0;
        config.consoleDataDir = workDir.resolve("console").toString();
        ConsoleServer console = track(new ConsoleServer(config, List.of(namesrv)));
        console.start();
        return console;
    }

    /** Logs in as admin with the password the console generated at its first start. */
    private static WebSession logIn(ConsoleServer console) throws Exception {
        WebSession session = new WebSession(console.url());
        session.login("admin", console.generatedPassword().orElseThrow());
        return session;
    }
}
