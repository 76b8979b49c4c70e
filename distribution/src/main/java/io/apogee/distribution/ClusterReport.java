package io.apogee.distribution;

import io.apogee.broker.BrokerServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code apogee cluster} prints once every server is up: the name server, a table of the brokers (group,
 * brokerId, role, address, HA port, store directory), the {@code export NAMESRV_ADDR=...} line to paste into a shell,
 * and how to stop it.
 *
 * <p>Stateless.
 */
final class ClusterReport {

    private static final String ROW = "%-10s %-8s %-12s %-22s %-7s %s";

    private ClusterReport() {
    }

    /** The lines for a started cluster whose stores live under {@code dir}. */
    static List<String> lines(LocalCluster cluster, Path dir) {
        List<String> lines = new ArrayList<>();
        List<BrokerSetup> setups = cluster.setups();
        List<BrokerServer> brokers = cluster.brokers();
        lines.add("The Name Server boot success. address " + cluster.namesrvAddress());
        lines.add("Cluster " + BrokerSetup.CLUSTER_NAME + ": " + brokers.size() + " brokers, stores under " + dir);
        lines.add(String.format(ROW, "group", "brokerId", "role", "address", "HA port", "store dir"));
        for (int i = 0; i < brokers.size(); i++) {
            lines.add(row(setups.get(i).member(), brokers.get(i)));
        }
        lines.add("export NAMESRV_ADDR=" + cluster.namesrvAddress());
        lines.add("Running (pid " + ProcessHandle.current().pid() + "); Ctrl-C or kill stops the slaves, the masters, "
                + "then the name server. The stores are kept.");
        return lines;
    }

    private static String row(ClusterMember member, BrokerServer broker) {
        String haPort = member.master() ? String.valueOf(broker.store().haPort()) : "-";
        return String.format(ROW, member.brokerName(), member.brokerId(), member.role(), broker.address(), haPort,
                member.storeDir());
    }
}
