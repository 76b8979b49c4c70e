package io.apogee.it;

import io.apogee.namesrv.NamesrvConfig;
import io.apogee.namesrv.NamesrvServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Base of tests that run the broker as a child process (to kill or signal it): an in-process name server on
 * a free port, a broker config file under a temp dir, and cleanup of everything the test tracked, newest first.
 */
abstract class ChildBrokerTest {

    /** Commit-log file size of the replication tests' brokers. */
    static final int REPLICA_FILE_SIZE = 1024 * 1024;

    @TempDir
    Path workDir;
    String namesrvAddress;
    private NamesrvServer namesrv;
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @BeforeEach
    void startNamesrv() throws Exception {
        NamesrvConfig config = new NamesrvConfig();
        config.listenPort = 0;
        namesrv = new NamesrvServer(config);
        namesrv.start();
        namesrvAddress = "127.0.0.1:" + namesrv.port();
    }

    /** Starts one more name server (closed after the test); its "ip:port". */
    String startAnotherNamesrv() throws Exception {
        NamesrvConfig config = new NamesrvConfig();
        config.listenPort = 0;
        NamesrvServer another = track(new NamesrvServer(config));
        another.start();
        return "127.0.0.1:" + another.port();
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
        namesrv.close();
    }

    Path storeDir() {
        return workDir.resolve("store");
    }

    /**
     * Writes a broker.conf with RocketMQ keys for a child broker on a free port with the given flush type, storing
     * under {@link #storeDir()}; {@code extraLines} ("key=value") come last and so win.
     */
    Path writeBrokerConfig(String cluster, String flushDiskType, String... extraLines) throws Exception {
        Path config = workDir.resolve("broker.conf");
        List<String> lines = new ArrayList<>(List.of(
                "brokerClusterName=" + cluster,
                "brokerName=" + ApogeeServer.BROKER_NAME,
                "listenPort=0",
                "brokerIP1=127.0.0.1",
                "storePathRootDir=" + storeDir(),
                "mapedFileSizeCommitLog=" + (16 * 1024 * 1024),
                "flushDiskType=" + flushDiskType,
                "autoCreateTopicEnable=true"));
        lines.addAll(List.of(extraLines));
        Files.write(config, lines);
        return config;
    }

    /**
     * Writes {@code <name>.conf} for an Apogee broker of broker group {@code broker-it} in cluster ReplicaCluster with
     * the given role and id, on a free port, storing under {@code <workDir>/<name>} in 1 MiB commit-log files (the
     * size Apache's broker uses in the replication tests: master and slave must agree).
     */
    Path writeReplicaConfig(String name, String role, int brokerId) throws Exception {
        return writeReplicaConfig(name, ApogeeServer.BROKER_NAME, role, brokerId);
    }

    /** As {@link #writeReplicaConfig(String, String, int)}, for broker group {@code brokerName}. */
    Path writeReplicaConfig(String name, String brokerName, String role, int brokerId) throws Exception {
        Path config = workDir.resolve(name + ".conf");
        Files.write(config, List.of(
                "brokerClusterName=ReplicaCluster",
                "brokerName=" + brokerName,
                "brokerId=" + brokerId,
                "brokerRole=" + role,
                "listenPort=0",
                "brokerIP1=127.0.0.1",
                "storePathRootDir=" + workDir.resolve(name),
                "mapedFileSizeCommitLog=" + REPLICA_FILE_SIZE,
                "flushDiskType=ASYNC_FLUSH",
                "autoCreateTopicEnable=true"));
        return config;
    }

    <T extends AutoCloseable> T track(T resource) {
        cleanup.add(resource);
        return resource;
    }
}
