package io.apogee.namesrv;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.remoting.body.BrokerData;
import io.apogee.remoting.body.ClusterInfo;
import io.apogee.remoting.body.DataVersion;
import io.apogee.remoting.body.QueueData;
import io.apogee.remoting.body.TopicConfig;
import io.apogee.remoting.body.TopicRouteData;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private static final String CLUSTER = "DefaultCluster";
    private static final String MASTER = "127.0.0.1:10911";
    private static final String SLAVE = "127.0.0.1:10921";

    private final RouteTable routes = new RouteTable(120_000);

    private static BrokerRegistration registration(String brokerName, String addr, long id, long timeout,
                                                   TopicConfig... topics) {
        Map<String, TopicConfig> table = new LinkedHashMap<>();
        for (TopicConfig topic : topics) {
            table.put(topic.topicName, topic);
        }
        return new BrokerRegistration(CLUSTER, brokerName, addr, "127.0.0.1:10912", id, timeout, false, table,
                new DataVersion(1, 1000));
    }

    private static BrokerRegistration master(String brokerName, String addr, TopicConfig... topics) {
        return registration(brokerName, addr, 0, 0, topics);
    }

    @Test
    void shouldServeRouteOfRegisteredTopic() {
        routes.register(master("broker-a", MASTER, new TopicConfig("TopicA", 4, 6), new TopicConfig("TBW102", 8, 7)),
                null, 1000);

        TopicRouteData route = routes.route("TBW102").orElseThrow();

        assertThat(route.queueDatas).singleElement().satisfies(q -> {
            assertThat(q.brokerName).isEqualTo("broker-a");
            assertThat(q.readQueueNums).isEqualTo(8);
            assertThat(q.writeQueueNums).isEqualTo(8);
            assertThat(q.perm).isEqualTo(7);
        });
        assertThat(route.brokerDatas).singleElement().satisfies(b -> {
            assertThat(b.cluster).isEqualTo(CLUSTER);
            assertThat(b.brokerAddrs).containsExactly(Map.entry(0L, MASTER));
        });
        assertThat(routes.route("Unknown")).isEmpty();
    }

    @Test
    void shouldMergeTopicsOnReRegistrationWithoutRemovingAny() {
        routes.register(master("broker-a", MASTER, new TopicConfig("A", 4, 6), new TopicConfig("B", 4, 6)), null, 1000);
        routes.register(master("broker-a", MASTER, new TopicConfig("B", 2, 4), new TopicConfig("C", 1, 6)), null, 2000);

        assertThat(routes.allTopics().topicList).containsExactly("A", "B", "C");
        QueueData b = routes.route("B").orElseThrow().queueDatas.get(0);
        assertThat(b.readQueueNums).isEqualTo(2);
        assertThat(b.perm).isEqualTo(4);
    }

    @Test
    void shouldIgnoreTopicsOfSlaveButListItsAddress() {
        routes.register(master("broker-a", MASTER, new TopicConfig("A", 4, 6)), null, 1000);
        RegistrationResult result = routes.register(
                registration("broker-a", SLAVE, 1, 0, new TopicConfig("OnlyOnSlave", 4, 6)), null, 1000);

        assertThat(routes.route("OnlyOnSlave")).isEmpty();
        assertThat(routes.route("A").orElseThrow().brokerDatas.get(0).brokerAddrs)
                .containsExactlyInAnyOrderEntriesOf(Map.of(0L, MASTER, 1L, SLAVE));
        assertThat(result.masterAddr()).isEqualTo(MASTER);
        assertThat(result.haServerAddr()).isEqualTo("127.0.0.1:10912");
    }

    @Test
    void shouldMoveAddressRegisteredUnderAnotherId() {
        routes.register(registration("broker-a", MASTER, 1, 0), null, 1000);
        routes.register(master("broker-a", MASTER, new TopicConfig("A", 4, 6)), null, 2000);

        assertThat(routes.clusterInfo().brokerAddrTable.get("broker-a").brokerAddrs)
                .containsExactly(Map.entry(0L, MASTER));
    }

    @Test
    void shouldKeepTopicsWhileASlaveOfTheBrokerRemains() {
        routes.register(master("broker-a", MASTER, new TopicConfig("A", 4, 6)), null, 1000);
        routes.register(registration("broker-a", SLAVE, 1, 0), null, 1000);

        routes.unregister(CLUSTER, "broker-a", MASTER);

        TopicRouteData route = routes.route("A").orElseThrow();
        assertThat(route.brokerDatas.get(0).brokerAddrs).containsExactly(Map.entry(1L, SLAVE));
    }

    @Test
    void shouldDropBrokerAndItsTopicsOnUnregister() {
        routes.register(master("broker-a", MASTER, new TopicConfig("A", 4, 6), new TopicConfig("Shared", 4, 6)),
                null, 1000);
        routes.register(master("broker-b", "127.0.0.1:20911", new TopicConfig("Shared", 2, 6)), null, 1000);

        assertThat(routes.unregister(CLUSTER, "broker-a", MASTER)).isTrue();

        assertThat(routes.route("A")).isEmpty();
        assertThat(routes.route("Shared").orElseThrow().queueDatas).extracting(q -> q.brokerName)
                .containsExactly("broker-b");
        ClusterInfo info = routes.clusterInfo();
        assertThat(info.brokerAddrTable).containsOnlyKeys("broker-b");
        assertThat(info.clusterAddrTable.get(CLUSTER)).containsExactly("broker-b");
        assertThat(routes.unregister(CLUSTER, "broker-a", MASTER)).isFalse();
    }

    @Test
    void shouldForgetClusterWhenItsLastBrokerLeaves() {
        routes.register(master("broker-a", MASTER, new TopicConfig("A", 4, 6)), null, 1000);

        routes.unregister(CLUSTER, "broker-a", MASTER);

        assertThat(routes.clusterInfo().clusterAddrTable).isEmpty();
        assertThat(routes.allTopics().topicList).isEmpty();
    }

    @Test
    void shouldExpireSilentBrokersUsingTheirOwnTimeoutOrTheDefault() {
        routes.register(registration("broker-a", MASTER, 0, 5_000, new TopicConfig("A", 4, 6)), null, 1000);
        routes.register(master("broker-b", "127.0.0.1:20911", new TopicConfig("B", 4, 6)), null, 1000);

        assertThat(routes.expire(6_000)).isEmpty();
        List<ExpiredBroker> expired = routes.expire(6_001);

        assertThat(expired).extracting(ExpiredBroker::brokerAddr).containsExactly(MASTER);
        assertThat(routes.route("A")).isEmpty();
        assertThat(routes.route("B")).isPresent();
        assertThat(routes.expire(121_001)).extracting(ExpiredBroker::brokerName).containsExactly("broker-b");
        assertThat(routes.route("B")).isEmpty();
    }

    @Test
    void shouldRefreshLivenessOnEachRegistration() {
        routes.register(master("broker-a", MASTER, new TopicConfig("A", 4, 6)), null, 1000);
        routes.register(master("broker-a", MASTER), null, 100_000);

        assertThat(routes.expire(200_000)).isEmpty();
        assertThat(routes.route("A")).isPresent();
    }

    @Test
    void shouldDropBrokersRegisteredOverAClosedConnection() {
        FakeChannel connection = new FakeChannel("127.0.0.1:50001");
        routes.register(master("broker-a", MASTER, new TopicConfig("A", 4, 6)), connection, 1000);
        routes.register(master("broker-b", "127.0.0.1:20911", new TopicConfig("B", 4, 6)),
                new FakeChannel("127.0.0.1:50002"), 1000);

        assertThat(routes.removeByChannel(new FakeChannel("127.0.0.1:59999"))).isEmpty();
        assertThat(routes.removeByChannel(new FakeChannel("127.0.0.1:50001"))).containsExactly(MASTER);

        assertThat(routes.route("A")).isEmpty();
        assertThat(routes.route("B")).isPresent();
    }

    @Test
    void shouldReportDataVersionChangesAndKeepUnchangedBrokerAlive() {
        routes.register(master("broker-a", MASTER, new TopicConfig("A", 4, 6)), null, 1000);

        DataVersionCheck same = routes.checkDataVersion(MASTER, new DataVersion(1, 1000), 100_000);
        DataVersionCheck newer = routes.checkDataVersion(MASTER, new DataVersion(2, 1000), 100_000);
        DataVersionCheck unknown = routes.checkDataVersion("127.0.0.1:1", new DataVersion(1, 1000), 100_000);

        assertThat(same.changed()).isFalse();
        assertThat(newer.changed()).isTrue();
        assertThat(newer.stored().counter).isEqualTo(1);
        assertThat(unknown.changed()).isTrue();
        assertThat(unknown.stored()).isNull();
        assertThat(routes.expire(200_000)).isEmpty();
    }

    @Test
    void shouldListTopicsOfOneClusterOnly() {
        routes.register(master("broker-a", MASTER, new TopicConfig("A", 4, 6)), null, 1000);
        routes.register(new BrokerRegistration("Other", "broker-x", "127.0.0.1:30911", null, 0, 0, false,
                Map.of("X", new TopicConfig("X", 1, 6)), new DataVersion()), null, 1000);

        assertThat(routes.topicsOfCluster(CLUSTER).topicList).containsExactly("A");
        assertThat(routes.topicsOfCluster("Other").topicList).containsExactly("X");
        assertThat(routes.topicsOfCluster("Nope").topicList).isEmpty();
    }

    @Test
    void shouldHandOutCopiesThatDoNotChangeTheTable() {
        routes.register(master("broker-a", MASTER, new TopicConfig("A", 4, 6)), null, 1000);

        TopicRouteData route = routes.route("A").orElseThrow();
        route.queueDatas.get(0).perm = 0;
        BrokerData broker = route.brokerDatas.get(0);
        broker.brokerAddrs.clear();

        TopicRouteData again = routes.route("A").orElseThrow();
        assertThat(again.queueDatas.get(0).perm).isEqualTo(6);
        assertThat(again.brokerDatas.get(0).brokerAddrs).containsKey(0L);
    }

    private static BrokerRegistration inCluster(String cluster, String brokerName, String addr, TopicConfig... topics) {
        Map<String, TopicConfig> table = new LinkedHashMap<>();
        for (TopicConfig topic : topics) {
            table.put(topic.topicName, topic);
        }
        return new BrokerRegistration(cluster, brokerName, addr, "127.0.0.1:10912", 0, 0, false, table,
                new DataVersion(1, 1000));
    }

    @Test
    void shouldDeleteATopicOnlyFromTheBrokersOfTheGivenCluster() {
        routes.register(inCluster("C1", "broker-a", MASTER, new TopicConfig("Shared", 4, 6)), null, 1000);
        routes.register(inCluster("C2", "broker-b", SLAVE, new TopicConfig("Shared", 4, 6)), null, 1000);

        assertThat(routes.deleteTopic("Shared", "C1")).isEqualTo(1);

        assertThat(routes.route("Shared").orElseThrow().queueDatas).extracting(q -> q.brokerName)
                .containsExactly("broker-b");
        assertThat(routes.deleteTopic("Shared", "Unknown")).isZero();
        assertThat(routes.deleteTopic("Shared", "C2")).isEqualTo(1);
        assertThat(routes.route("Shared")).isEmpty();
        assertThat(routes.allTopics().topicList).doesNotContain("Shared");
    }

    @Test
    void shouldForgetAWipedWritePermissionWhenTheBrokerLeaves() {
        routes.register(master("broker-a", MASTER, new TopicConfig("TopicA", 4, 6)), null, 1000);
        assertThat(routes.wipeWritePerm("broker-a")).isEqualTo(1);
        assertThat(routes.route("TopicA").orElseThrow().queueDatas.get(0).perm).isEqualTo(4);

        routes.unregister(CLUSTER, "broker-a", MASTER);
        routes.register(master("broker-a", MASTER, new TopicConfig("TopicA", 4, 6)), null, 2000);

        assertThat(routes.route("TopicA").orElseThrow().queueDatas.get(0).perm).isEqualTo(6);
    }
}
