package io.apogee.tools;

import static org.awaitility.Awaitility.await;

import io.apogee.broker.BrokerServer;
import io.apogee.broker.config.BrokerConfig;
import io.apogee.namesrv.NamesrvConfig;
import io.apogee.namesrv.NamesrvServer;
import io.apogee.store.BrokerRole;
import io.apogee.store.MessageStoreConfig;
import io.apogee.tools.admin.AdminClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real name server and broker ({@code DefaultCluster} / {@code broker-a}) on ephemeral ports with the store in a
 * temp directory, started in-process for the end-to-end tests; ready once the broker's registration is visible in
 * the cluster table.
 */
final class EmbeddedCluster implements AutoCloseable {

    private final NamesrvServer namesrv;
    private final BrokerServer broker;
    private BrokerServer slave;

    EmbeddedCluster(Path storeDir) throws Exception {
        NamesrvConfig namesrvConfig = new NamesrvConfig();
        namesrvConfig.listenPort = 0;
        namesrvConfig.kvConfigPath = storeDir.resolve("namesrv/kvConfig.json").toString();
        namesrv = new NamesrvServer(namesrvConfig);
        namesrv.start();
        BrokerConfig brokerConfig = new BrokerConfig();
        brokerConfig.listenPort = 0;
        brokerConfig.brokerIP1 = "127.0.0.1";
        brokerConfig.namesrvAddr = namesrvAddress();
        MessageStoreConfig storeConfig = new MessageStoreConfig();
        storeConfig.storePathRootDir = storeDir.toString();
        storeConfig.mapedFileSizeCommitLog = 4 * 1024 * 1024;
        storeConfig.mapedFileSizeConsumeQueue = 1000 * 20;
        broker = new BrokerServer(brokerConfig, storeConfig);
        broker.start();
        try (AdminClient admin = new AdminClient(List.of(namesrvAddress()), 3000)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> !admin.clusterInfo().brokerAddrTable.isEmpty());
        }
    }

    /**
     * Starts a SLAVE of broker-a (brokerId 1) with its store under {@code storeDir}; closed with the cluster. Its
     * address once the cluster table lists it.
     */
    String startSlave(Path storeDir) throws Exception {
        BrokerConfig brokerConfig = new BrokerConfig();
        brokerConfig.listenPort = 0;
        brokerConfig.brokerIP1 = "127.0.0.1";
        brokerConfig.brokerId = 1;
        brokerConfig.namesrvAddr = namesrvAddress();
        MessageStoreConfig storeConfig = new MessageStoreConfig();
        storeConfig.storePathRootDir = storeDir.toString();
        storeConfig.mapedFileSizeCommitLog = 4 * 1024 * 1024;
        storeConfig.brokerRole = BrokerRole.SLAVE;
        slave = new BrokerServer(brokerConfig, storeConfig);
        slave.start();
        return slave.address();
    }

    String namesrvAddress() {
        return "127.0.0.1:" + namesrv.port();
    }

    String brokerAddress() {
        return broker.address();
    }

    @Override
    public void close() {
        if (slave != null) {
            slave.close();
        }
        broker.close();
        namesrv.close();
    }
}
