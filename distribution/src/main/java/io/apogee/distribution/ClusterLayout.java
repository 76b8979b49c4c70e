package io.apogee.distribution;

import io.apogee.store.BrokerRole;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape of an {@code apogee cluster}: how many broker groups, how many brokers per group, the masters' role and
 * the ports. Checks the options (each error names its option) and lays the brokers out.
 *
 * <p>Port scheme: the name server listens on {@code basePort} (default 9876). Broker slot {@code k} listens on
 * {@code basePort + 1035 + 10 * k} (10911, 10921, ... with the default base) and, when it is a master, serves HA on
 * the next port; the slots go masters first, then the first slaves of every group, and so on:
 * {@code k = brokerId * groups + groupIndex}. So broker-a's master is always on 10911, broker-b's on 10921, and with
 * two groups broker-a's slave is on 10931. A base of 0 puts every server on a free port (tests). Store directories
 * are {@code <dir>/<brokerName>-<brokerId>}.
 *
 * <p>Immutable.
 *
 * @param groups    broker groups (N, at least 1)
 * @param replicas  brokers per group, master included (R, 1 to 4)
 * @param sync      SYNC_MASTER masters instead of ASYNC_MASTER
 * @param basePort  the name server's port; 0 for free ports everywhere
 */
record ClusterLayout(int groups, int replicas, boolean sync, int basePort) {

    static final int DEFAULT_BASE_PORT = 9876;
    static final int MAX_REPLICAS = 4;
    /** First broker port minus the name server's port: 9876 + 1035 = 10911, RocketMQ's default broker port. */
    static final int BROKER_OFFSET = 1035;
    /** Ports between two brokers' client ports; each uses two (client, HA). */
    static final int BROKER_STEP = 10;
    private static final int MAX_PORT = 65_535;

    /**
     * Checks the options.
     *
     * @throws IllegalArgumentException one line naming the option, its value and what is allowed
     */
    ClusterLayout {
        if (groups < 1) {
            throw new IllegalArgumentException("--groups must be at least 1 (got " + groups + ")");
        }
        if (replicas < 1 || replicas > MAX_REPLICAS) {
            throw new IllegalArgumentException("--replicas must be between 1 and " + MAX_REPLICAS
                    + " (a master and up to " + (MAX_REPLICAS - 1) + " slaves; got " + replicas + ")");
        }
        checkPorts(groups, replicas, basePort);
    }

    private static void checkPorts(int groups, int replicas, int basePort) {
        if (basePort < 0 || basePort > MAX_PORT) {
            throw new IllegalArgumentException("--base-port must be between 1 and " + MAX_PORT
                    + ", or 0 for free ports (got " + basePort + ")");
        }
        long highest = (long) basePort + BROKER_OFFSET + (long) BROKER_STEP * ((long) groups * replicas - 1) + 1;
        if (basePort > 0 && highest > MAX_PORT) {
            throw new IllegalArgumentException("--base-port " + basePort + " with --groups " + groups
                    + " and --replicas " + replicas + " needs ports up to " + highest + ", beyond " + MAX_PORT
                    + ": choose a base of at most " + (basePort - (highest - MAX_PORT)) + " or fewer brokers");
        }
    }

    /** The brokers, masters first (the order they start in), then the slaves with id 1, and so on. */
    List<ClusterMember> members(Path dir) {
        List<ClusterMember> members = new ArrayList<>();
        for (int id = 0; id < replicas; id++) {
            for (int group = 0; group < groups; group++) {
                String name = brokerName(group);
                members.add(new ClusterMember(name, id, role(id), brokerPort(id * groups + group),
                        dir.resolve(name + "-" + id)));
            }
        }
        return members;
    }

    private BrokerRole role(int brokerId) {
        if (brokerId > 0) {
            return BrokerRole.SLAVE;
        }
        return sync ? BrokerRole.SYNC_MASTER : BrokerRole.ASYNC_MASTER;
    }

    private int brokerPort(int slot) {
        return basePort == 0 ? 0 : basePort + BROKER_OFFSET + BROKER_STEP * slot;
    }

    /** broker-a ... broker-z, then broker-aa, broker-ab, ... (bijective base 26). */
    static String brokerName(int groupIndex) {
        StringBuilder letters = new StringBuilder();
        for (int n = groupIndex + 1; n > 0; n = (n - 1) / 26) {
            letters.insert(0, (char) ('a' + (n - 1) % 26));
        }
        return "broker-" + letters;
    }
}
