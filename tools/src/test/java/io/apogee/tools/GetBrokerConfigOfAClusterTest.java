package io.apogee.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.tools.admin.AdminClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code getBrokerConfig -c} on a group of a master and its slave prints both, with Apache's banners. */
class GetBrokerConfigOfAClusterTest {

    @TempDir
    Path dir;

    @Test
    void shouldPrintEachMasterFollowedByItsSlaves() throws Exception {
        try (EmbeddedCluster cluster = new EmbeddedCluster(dir.resolve("master"))) {
            String slave = cluster.startSlave(dir.resolve("slave"));
            try (AdminClient admin = new AdminClient(List.of(cluster.namesrvAddress()), 3000)) {
                await().atMost(Duration.ofSeconds(20)).until(() ->
                        admin.clusterInfo().brokerAddrTable.get("broker-a").brokerAddrs.containsKey(1L));
            }

            CliRun run = CliRun.of("getBrokerConfig", "-c", "DefaultCluster", "-n", cluster.namesrvAddress());

            assertThat(run.exitCode()).as(run.err()).isZero();
            String master = cluster.brokerAddress();
            assertThat(run.out()).contains("============Master: " + master + "============")
                    .contains("============My Master: " + master + "=====Slave: " + slave + "============")
                    .containsPattern("(?m)^brokerRole\\s*=\\s+SLAVE$");
        }
    }
}
