package io.apogee.distribution;

import io.apogee.store.BrokerRole;
import java.nio.file.Path;

/**
 * One broker of an {@code apogee cluster}: its group's name, its id within the group (0 = the master), its role, the
 * client port it listens on (0 = any free port) and its store directory. The HA port of a master is
 * {@code listenPort + 1}; a slave opens none.
 *
 * <p>Immutable.
 *
 * @param brokerName the group, {@code broker-a}, {@code broker-b}, ...
 * @param brokerId   0 for the master, 1..R-1 for the slaves
 * @param role       ASYNC_MASTER or SYNC_MASTER for id 0, SLAVE otherwise
 * @param listenPort the client port; 0 for any free port
 * @param storeDir   {@code storePathRootDir} of this broker
 */
record ClusterMember(String brokerName, long brokerId, BrokerRole role, int listenPort, Path storeDir) {

    /** True for brokerId 0. */
    boolean master() {
        return brokerId == 0;
    }
}
