package io.apogee.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.common.config.ConfigBinder;
import io.apogee.common.config.ConfigReport;
import io.apogee.store.BrokerRole;
import io.apogee.store.FlushDiskType;
import io.apogee.store.MessageStoreConfig;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The one-machine 2m-2s-sync files ({@code conf/2m-2s-sync/}) load through the broker command's binding and checks
 * without a warning, with the seed's roles and ids, the ports of {@code apogee cluster --groups 2 --replicas 2 --sync},
 * and a store directory of their own.
 */
class ClusterConfFilesTest {

    private static final Path CONF = Path.of("../conf/2m-2s-sync");
    private static final List<String> FILES = List.of("broker-a.properties", "broker-b.properties",
            "broker-a-s.properties", "broker-b-s.properties");

    private final BrokerConfig broker = new BrokerConfig();
    private final MessageStoreConfig store = new MessageStoreConfig();

    private ConfigReport load(String file) {
        ConfigReport report = ConfigBinder.bind(CONF.resolve(file), broker, store);
        ConfigBinder.checkRanges(broker, store);
        BrokerCommand.validate(broker, store);
        return report;
    }

    @Test
    void shouldLoadMasterOfBrokerA() {
        assertLoads("broker-a.properties", "broker-a", 0, BrokerRole.SYNC_MASTER, FlushDiskType.SYNC_FLUSH, 10911);
    }

    @Test
    void shouldLoadMasterOfBrokerB() {
        assertLoads("broker-b.properties", "broker-b", 0, BrokerRole.SYNC_MASTER, FlushDiskType.SYNC_FLUSH, 10921);
    }

    @Test
    void shouldLoadSlaveOfBrokerA() {
        assertLoads("broker-a-s.properties", "broker-a", 1, BrokerRole.SLAVE, FlushDiskType.ASYNC_FLUSH, 10931);
    }

    @Test
    void shouldLoadSlaveOfBrokerB() {
        assertLoads("broker-b-s.properties", "broker-b", 1, BrokerRole.SLAVE, FlushDiskType.ASYNC_FLUSH, 10941);
    }

    private void assertLoads(String file, String name, long id, BrokerRole role, FlushDiskType flush, int port) {
        ConfigReport report = load(file);

        assertThat(report.warnings()).as(file + " warnings").isEmpty();
        assertThat(report.notImplemented()).as(file + " keys not acted on").isEmpty();
        assertThat(broker.brokerClusterName).isEqualTo("DefaultCluster");
        assertThat(broker.brokerName).isEqualTo(name);
        assertThat(broker.brokerId).isEqualTo(id);
        assertThat(store.brokerRole).isEqualTo(role);
        assertThat(store.flushDiskType).isEqualTo(flush);
        assertThat(broker.listenPort).isEqualTo(port);
        assertThat(broker.namesrvAddr).isEqualTo("127.0.0.1:9876");
        assertThat(store.deleteWhen).isEqualTo("04");
        assertThat(store.fileReservedTime).isEqualTo(120);
    }

    @Test
    void shouldMatchTheClusterCommandsPortsAndKeepStoresApart() {
        Set<String> stores = new HashSet<>();
        Set<Integer> ports = new HashSet<>();
        for (String file : FILES) {
            BrokerConfig fileBroker = new BrokerConfig();
            MessageStoreConfig fileStore = new MessageStoreConfig();
            ConfigBinder.bind(CONF.resolve(file), fileBroker, fileStore);
            stores.add(fileStore.storePathRootDir);
            ports.add(fileBroker.listenPort);
            ports.add(fileBroker.listenPort + 1);
        }

        assertThat(stores).hasSize(4);
        assertThat(ports).hasSize(8).doesNotContain(9876);
        List<Integer> clusterPorts = new ClusterLayout(2, 2, true, 9876).members(Path.of("d")).stream()
                .map(ClusterMember::listenPort).toList();
        assertThat(ports).containsAll(clusterPorts);
    }
}
