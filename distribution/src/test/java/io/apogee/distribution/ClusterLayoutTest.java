package io.apogee.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apogee.store.BrokerRole;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The port scheme, names and roles of {@code apogee cluster}, and its option checks. */
class ClusterLayoutTest {

    private static final Path DIR = Path.of("/data/cluster");

    @Test
    void shouldLayOutTheSeedsTwoMasterTwoSlaveClusterMastersFirst() {
        List<ClusterMember> members = new ClusterLayout(2, 2, true, 9876).members(DIR);

        assertThat(members).containsExactly(
                new ClusterMember("broker-a", 0, BrokerRole.SYNC_MASTER, 10911, DIR.resolve("broker-a-0")),
                new ClusterMember("broker-b", 0, BrokerRole.SYNC_MASTER, 10921, DIR.resolve("broker-b-0")),
                new ClusterMember("broker-a", 1, BrokerRole.SLAVE, 10931, DIR.resolve("broker-a-1")),
                new ClusterMember("broker-b", 1, BrokerRole.SLAVE, 10941, DIR.resolve("broker-b-1")));
    }

    @Test
    void shouldUseAsyncMastersWithoutSyncAndFreePortsWithBaseZero() {
        List<ClusterMember> members = new ClusterLayout(3, 4, false, 0).members(DIR);

        assertThat(members).hasSize(12);
        assertThat(members).filteredOn(ClusterMember::master).extracting(ClusterMember::role)
                .containsOnly(BrokerRole.ASYNC_MASTER).hasSize(3);
        assertThat(members).extracting(ClusterMember::listenPort).containsOnly(0);
        assertThat(members).extracting(ClusterMember::brokerId).containsOnly(0L, 1L, 2L, 3L);
    }

    @Test
    void shouldNameGroupsLikeColumnsAfterZ() {
        assertThat(ClusterLayout.brokerName(0)).isEqualTo("broker-a");
        assertThat(ClusterLayout.brokerName(25)).isEqualTo("broker-z");
        assertThat(ClusterLayout.brokerName(26)).isEqualTo("broker-aa");
        assertThat(ClusterLayout.brokerName(27)).isEqualTo("broker-ab");
    }

    @Test
    void shouldRefuseBadOptionsNamingThem() {
        assertThatThrownBy(() -> new ClusterLayout(0, 2, false, 9876)).hasMessageStartingWith("--groups");
        assertThatThrownBy(() -> new ClusterLayout(1, 0, false, 9876)).hasMessageStartingWith("--replicas");
        assertThatThrownBy(() -> new ClusterLayout(1, 5, false, 9876)).hasMessageStartingWith("--replicas")
                .hasMessageContaining("between 1 and 4");
        assertThatThrownBy(() -> new ClusterLayout(1, 2, false, -1)).hasMessageStartingWith("--base-port");
        assertThatThrownBy(() -> new ClusterLayout(1, 2, false, 65_536)).hasMessageStartingWith("--base-port");
        assertThatThrownBy(() -> new ClusterLayout(2, 2, false, 64_480)).hasMessageStartingWith("--base-port 64480")
                .hasMessageContaining("needs ports up to 65546").hasMessageContaining("at most 64469");
    }

    @Test
    void shouldAcceptTheHighestBaseThatFits() {
        List<ClusterMember> members = new ClusterLayout(2, 2, false, 64_469).members(DIR);

        assertThat(members.get(3).listenPort() + 1).isEqualTo(65_535);
    }
}
