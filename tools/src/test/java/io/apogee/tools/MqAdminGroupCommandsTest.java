package io.apogee.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.apogee.remoting.body.ConsumerData;
import io.apogee.remoting.body.HeartbeatData;
import io.apogee.remoting.body.SubscriptionData;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.message.MessageQueue;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Consumer-group commands against a real broker, with a consumer group kept online by heartbeats sent through an
 * {@link AdminClient} (its connection stays open for the test class), and the typed failures of the client.
 */
class MqAdminGroupCommandsTest {

    private static final String GROUP = "AdmConsumerGroup";
    private static final String TOPIC = "GroupTopic";

    @RegisterExtension
    static final EmbeddedClusterExtension CLUSTER = new EmbeddedClusterExtension();

    private static AdminClient member;

    @BeforeAll
    static void bringAGroupOnline() throws Exception {
        member = new AdminClient(List.of(CLUSTER.namesrvAddress()), 5000);
        CliRun.of("updateTopic", "-n", CLUSTER.namesrvAddress(), "-c", "DefaultCluster", "-t", TOPIC, "-r", "2",
                "-w", "2");
        for (int i = 0; i < 4; i++) {
            CliRun.of("sendMessage", "-n", CLUSTER.namesrvAddress(), "-t", TOPIC, "-p", "m" + i, "-b", "broker-a",
                    "-i", String.valueOf(i % 2));
        }
        member.messages().heartbeat(CLUSTER.brokerAddress(), heartbeat());
        member.messages().updateConsumerOffset(CLUSTER.brokerAddress(), GROUP, new MessageQueue(TOPIC, "broker-a", 0),
                1);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(member.groupMasters(GROUP)).containsKey("broker-a"));
    }

    private static HeartbeatData heartbeat() {
        ConsumerData consumer = new ConsumerData();
        consumer.groupName = GROUP;
        consumer.consumeType = "CONSUME_PASSIVELY";
        consumer.messageModel = ConsumerData.CLUSTERING;
        consumer.consumeFromWhere = "CONSUME_FROM_FIRST_OFFSET";
        consumer.subscriptionDataSet.add(new SubscriptionData(TOPIC, "*", 1L));
        HeartbeatData heartbeat = new HeartbeatData();
        heartbeat.clientID = "127.0.0.1@test#1";
        heartbeat.consumerDataSet.add(consumer);
        return heartbeat;
    }

    @AfterAll
    static void closeMember() {
        if (member != null) {
            member.close();
        }
    }

    private static CliRun ok(String... args) {
        return CLUSTER.ok(args);
    }

    @Test
    void shouldShowTheGroupsProgressAndConnection() {
        CliRun progress = ok("consumerProgress", "-g", GROUP);
        CliRun all = ok("consumerProgress");
        CliRun connection = ok("consumerConnection", "-g", GROUP);
        CliRun status = ok("consumerStatus", "-g", GROUP);

        assertThat(progress.out()).contains("#Consumer Offset", "Consume Diff Total:")
                .containsPattern(TOPIC + "\\s+broker-a\\s+0\\s+2\\s+")
                .containsPattern(TOPIC + "\\s+broker-a\\s+1\\s+2\\s+");
        assertThat(all.out()).containsPattern(GROUP + "\\s+1\\s+");
        assertThat(connection.out()).contains("127.0.0.1@test#1", "Below is subscription:", "ConsumeType: "
                + "CONSUME_PASSIVELY", "MessageModel: CLUSTERING");
        assertThat(status.out()).contains("#ClientId", "127.0.0.1@test#1");
    }

    @Test
    void shouldResetAndCloneOffsets() {
        CliRun reset = ok("resetOffsetByTime", "-g", GROUP, "-t", TOPIC, "-s", "0");
        CliRun clone = ok("cloneGroupOffset", "-s", GROUP, "-d", "AdmCloneGroup", "-t", TOPIC);

        assertThat(reset.out()).contains("start reset consumer offset by specified, group[" + GROUP + "]",
                "#brokerName", "#queueId", "#offset");
        assertThat(clone.out()).contains("clone group offset success. srcGroup[" + GROUP + "]",
                "destGroup=[AdmCloneGroup]");
    }

    @Test
    void shouldSkipTheMessageAtTheGroupsCommittedOffsetIntoItsDlq() throws Exception {
        member.messages().updateConsumerOffset(CLUSTER.brokerAddress(), "AdmPoisonGroup",
                new MessageQueue(TOPIC, "broker-a", 1), 0);

        CliRun skip = ok("skipPoisonMessage", "-g", "AdmPoisonGroup", "-t", TOPIC, "-i", "1");
        CliRun stale = CLUSTER.run("skipPoisonMessage", "-g", "AdmPoisonGroup", "-t", TOPIC, "-i", "1", "-o", "0");
        CliRun dlq = ok("printMsg", "-t", "%DLQ%AdmPoisonGroup");

        assertThat(skip.out()).contains("at offset 0 of topic " + TOPIC + " queue 1 on " + CLUSTER.brokerAddress()
                + " for group AdmPoisonGroup", "moved to %DLQ%AdmPoisonGroup as ", "committed offset now 1",
                "live consumers told: 0");
        assertThat(stale.exitCode()).isEqualTo(1);
        assertThat(stale.err()).contains("the committed offset of group AdmPoisonGroup on "
                + TOPIC + " queue 1 is 1, not 0");
        assertThat(dlq.out()).contains("BODY: m1");
    }

    @Test
    void shouldListStatsOfTopicsAndBrokerConsumers() {
        CliRun stats = ok("statsAll", "-t", TOPIC);
        CliRun brokerStats = ok("brokerConsumeStats", "-b", CLUSTER.brokerAddress());

        assertThat(stats.out()).contains("#Accumulation", TOPIC, GROUP);
        assertThat(brokerStats.out()).contains("#Consumer Offset", "Diff Total:");
    }

    @Test
    void shouldCarryCodeAndRemarkInTheTypedFailure() {
        assertThatThrownBy(() -> member.route("NoSuchTopicAtAll"))
                .isInstanceOfSatisfying(AdminException.class, e -> {
                    assertThat(e.code()).isEqualTo(17);
                    assertThat(e.remark()).contains("NoSuchTopicAtAll");
                });
        assertThatThrownBy(() -> member.topicConfig(CLUSTER.brokerAddress(), "NoSuchTopicAtAll"))
                .isInstanceOfSatisfying(AdminException.class, e -> assertThat(e.code()).isEqualTo(17));
    }
}
