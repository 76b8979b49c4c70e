package io.apogee.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.broker.BrokerServer;
import io.apogee.remoting.body.BrokerData;
import io.apogee.remoting.body.ClusterInfo;
import io.apogee.tools.admin.AdminClient;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code apogee cluster --groups 2 --replicas 2 --sync} as the command builds it, on free ports: the name server's
 * cluster info lists both groups with a master and a slave each, and closing releases every port.
 */
class LocalClusterTest {

    private static final List<String> SMALL_FILES = List.of("brokerIP1=127.0.0.1",
            "mapedFileSizeCommitLog=" + (1024 * 1024), "mapedFileSizeConsumeQueue=" + (1000 * 20));

    @TempDir
    Path dir;

    private LocalCluster cluster;
    private AdminClient admin;

    @AfterEach
    void tearDown() {
        if (admin != null) {
            admin.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void shouldRegisterTwoMastersAndTwoSlavesThenReleaseEveryPort() throws Exception {
        cluster = ClusterCommand.plan(new ClusterLayout(2, 2, true, 0), dir, SMALL_FILES);
        cluster.start();
        admin = new AdminClient(List.of(cluster.namesrvAddress()), AdminClient.DEFAULT_TIMEOUT_MILLIS);

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            ClusterInfo info = admin.clusterInfo();
            assertThat(info.clusterAddrTable).containsOnlyKeys("DefaultCluster");
            assertThat(info.clusterAddrTable.get("DefaultCluster")).containsExactlyInAnyOrder("broker-a", "broker-b");
            assertThat(info.brokerAddrTable).containsOnlyKeys("broker-a", "broker-b");
            assertThat(info.brokerAddrTable.values()).allSatisfy(group ->
                    assertThat(group.brokerAddrs).containsOnlyKeys(0L, 1L));
        });
        assertThat(registeredAddresses(admin.clusterInfo().brokerAddrTable))
                .containsExactlyInAnyOrderElementsOf(cluster.brokers().stream().map(BrokerServer::address).toList());
        List<Integer> ports = ports();
        assertThat(ports).doesNotHaveDuplicates().hasSize(1 + 4 + 2);

        admin.close();
        admin = null;
        cluster.close();

        for (int port : ports) {
            try (ServerSocket rebound = new ServerSocket(port)) {
                assertThat(rebound.getLocalPort()).as("port released").isEqualTo(port);
            }
        }
    }

    @Test
    void shouldPrintEveryBrokerWithRoleAddressAndHaPortAndTheExportLine() throws Exception {
        cluster = ClusterCommand.plan(new ClusterLayout(1, 2, false, 0), dir, SMALL_FILES);
        cluster.start();

        List<String> lines = ClusterReport.lines(cluster, dir);

        BrokerServer master = cluster.brokers().get(0);
        BrokerServer slave = cluster.brokers().get(1);
        assertThat(lines).contains("export NAMESRV_ADDR=" + cluster.namesrvAddress());
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("broker-a").contains("ASYNC_MASTER",
                master.address(), " " + master.store().haPort() + " ", dir.resolve("broker-a-0").toString()));
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("broker-a").contains("SLAVE",
                slave.address(), " - ", dir.resolve("broker-a-1").toString()));
    }

    private static List<String> registeredAddresses(Map<String, BrokerData> groups) {
        List<String> addresses = new ArrayList<>();
        groups.values().forEach(group -> addresses.addAll(group.brokerAddrs.values()));
        return addresses;
    }

    /** The name server's port, every broker's client port and every master's HA port. */
    private List<Integer> ports() {
        List<Integer> ports = new ArrayList<>();
        ports.add(cluster.namesrv().port());
        for (BrokerServer broker : cluster.brokers()) {
            ports.add(broker.port());
            if (broker.store().haPort() > 0) {
                ports.add(broker.store().haPort());
            }
        }
        return ports;
    }
}
