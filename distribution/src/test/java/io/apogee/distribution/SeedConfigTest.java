package io.apogee.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.common.config.ConfigBinder;
import io.apogee.common.config.ConfigReport;
import io.apogee.namesrv.NamesrvConfig;
import io.apogee.store.BrokerRole;
import io.apogee.store.FlushDiskType;
import io.apogee.store.MessageStoreConfig;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The broker configs of the user notes (seeds 001, 002, 003), copied verbatim, load and pass the broker's validation
 * (ranges, brokerId against brokerRole, frame limit) without errors.
 */
class SeedConfigTest {

    private final BrokerConfig broker = new BrokerConfig();
    private final MessageStoreConfig store = new MessageStoreConfig();

    private ConfigReport load(String name) throws URISyntaxException {
        Path file = Path.of(getClass().getResource("/seeds/" + name).toURI());
        ConfigReport report = ConfigBinder.bind(file, broker, store);
        BrokerCommand.validate(broker, store);
        return report;
    }

    @Test
    void shouldLoadSeed001TwoMasterTwoSlaveConfigWarningAboutItsTypos() throws Exception {
        ConfigReport report = load("seed001-2m-2s-sync-broker.properties");

        assertThat(broker.brokerClusterName).isEqualTo("rocketmq-cluster");
        assertThat(broker.namesrvAddr).isEqualTo("rocketmq-nameserver1:9876;rocketmq-nameserver2:9876");
        assertThat(broker.defaultTopicQueueNums).isEqualTo(4);
        assertThat(store.mapedFileSizeCommitLog).isEqualTo(1073741824);
        assertThat(store.maxMessageSize).isEqualTo(65536);
        assertThat(store.brokerRole).isEqualTo(BrokerRole.SYNC_MASTER);
        assertThat(store.flushDiskType).isEqualTo(FlushDiskType.SYNC_FLUSH);
        assertThat(store.storePathRootDir).isEqualTo("/usr/local/rocketmq/store");
        assertThat(store.abortFile).isEqualTo("/usr/local/rocketmq/store/abort");
        assertThat(report.warnings()).anySatisfy(w -> assertThat(w)
                .contains("'stroeCheckpoint'").contains("did you mean 'storeCheckpoint'"));
        assertThat(report.warnings()).anySatisfy(w -> assertThat(w)
                .contains("'storeCheckPoint'").contains("did you mean 'storeCheckpoint'"));
        assertThat(store.deleteWhen).isEqualTo("04");
        assertThat(store.fileReservedTime).isEqualTo(120);
        assertThat(report.notImplemented()).as("every key of this seed config is acted on").isEmpty();
    }

    @Test
    void shouldLoadSeed002MasterConfigWithMixedCaseFlushType() throws Exception {
        ConfigReport report = load("seed002-broker-b.properties");

        assertThat(store.flushDiskType).isEqualTo(FlushDiskType.SYNC_FLUSH);
        assertThat(store.maxMessageSize).isEqualTo(65536);
        assertThat(store.storeCheckpoint).isEqualTo("/rocketmq/store/checkpoint");
        assertThat(broker.listenPort).isEqualTo(10911);
        assertThat(report.warnings()).singleElement().asString()
                .contains("'deletewhen'").contains("did you mean 'deleteWhen'");
    }

    @Test
    void shouldLoadSeed002SlaveConfig() throws Exception {
        load("seed002-broker-a-s.properties");

        assertThat(broker.brokerId).isEqualTo(1);
        assertThat(broker.listenPort).isEqualTo(11011);
        assertThat(store.brokerRole).isEqualTo(BrokerRole.SLAVE);
        assertThat(store.flushDiskType).isEqualTo(FlushDiskType.ASYNC_FLUSH);
    }

    @Test
    void shouldLoadSeed003DockerConfigWithSpacesAroundEquals() throws Exception {
        ConfigReport report = load("seed003-docker-broker.conf");

        assertThat(broker.brokerIP1).isEqualTo("192.168.184.204");
        assertThat(store.fileReservedTime).isEqualTo(48);
        assertThat(store.brokerRole).isEqualTo(BrokerRole.ASYNC_MASTER);
        assertThat(report.warnings()).isEmpty();
    }

    @Test
    void shouldLoadShippedSampleConfigsWithoutWarnings() {
        ConfigReport brokerReport = ConfigBinder.bind(Path.of("../conf/broker.conf"), broker, store);
        NamesrvConfig namesrv = new NamesrvConfig();
        ConfigReport namesrvReport = ConfigBinder.bind(Path.of("../conf/namesrv.conf"), namesrv);
        BrokerCommand.validate(broker, store);

        assertThat(brokerReport.clean()).isTrue();
        assertThat(namesrvReport.clean()).isTrue();
        assertThat(broker.listenPort).isEqualTo(10911);
        assertThat(namesrv.listenPort).isEqualTo(9876);
    }
}
