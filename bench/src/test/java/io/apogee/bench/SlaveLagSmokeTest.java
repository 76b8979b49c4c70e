package io.apogee.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.broker.BrokerServer;
import io.apogee.broker.config.BrokerConfig;
import io.apogee.namesrv.NamesrvConfig;
import io.apogee.namesrv.NamesrvServer;
import io.apogee.store.BrokerRole;
import io.apogee.store.MessageStoreConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --slave-lag} against an in-process SYNC_MASTER and its slave (ports 0, temp dirs): the sends succeed only
 * because the slave acknowledges them, and the lag figures come from both brokers' runtime info.
 */
class SlaveLagSmokeTest {

    @TempDir
    static Path dir;

    private static NamesrvServer namesrv;
    private static BrokerServer master;
    private static BrokerServer slave;

    @BeforeAll
    static void startGroup() throws Exception {
        NamesrvConfig namesrvConfig = new NamesrvConfig();
        namesrvConfig.listenPort = 0;
        namesrvConfig.kvConfigPath = dir.resolve("namesrv/kvConfig.json").toString();
        namesrv = new NamesrvServer(namesrvConfig);
        namesrv.start();
        master = broker(0, BrokerRole.SYNC_MASTER, dir.resolve("master"));
        slave = broker(1, BrokerRole.SLAVE, dir.resolve("slave"));
    }

    private static BrokerServer broker(long id, BrokerRole role, Path store) throws Exception {
        BrokerConfig config = new BrokerConfig();
        config.listenPort = 0;
        config.brokerIP1 = "127.0.0.1";
        config.brokerName = "broker-ha";
        config.brokerId = id;
        config.namesrvAddr = "127.0.0.1:" + namesrv.port();
        MessageStoreConfig storeConfig = new MessageStoreConfig();
        storeConfig.storePathRootDir = store.toString();
        storeConfig.mapedFileSizeCommitLog = 16 * 1024 * 1024;
        storeConfig.brokerRole = role;
        BrokerServer server = new BrokerServer(config, storeConfig);
        server.start();
        return server;
    }

    @AfterAll
    static void stopGroup() {
        if (slave != null) {
            slave.close();
        }
        if (master != null) {
            master.close();
        }
        if (namesrv != null) {
            namesrv.close();
        }
    }

    @Test
    void shouldReportTheSlaveLagOfASyncMasterUnderLoad() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BenchMain.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("produce", "-n", "127.0.0.1:" + namesrv.port(), "--slave-lag", "--threads", "4",
                        "--warmup", "1", "--duration", "1");

        Map<String, String> r = ScenarioSmokeTest.figures(out.toString());
        assertThat(code).as("exit code; output:%n%s%n%s", out, err).isZero();
        assertThat(r).containsEntry("status", "OK").containsEntry("errors", "0").containsKeys("slave.lag.p99.kib",
                "slave.lag.max.kib");
        assertThat(Long.parseLong(r.get("send.msgs"))).isPositive();
        assertThat(Long.parseLong(r.get("slave.lag.samples"))).isPositive();
        assertThat(Double.parseDouble(r.get("slave.catchup.ms"))).isNotNegative();
    }
}
