package io.apogee.console.cluster;

import io.apogee.remoting.body.ClusterInfo;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.admin.BrokerLocator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The master brokers the console reads topics and groups from, out of the name servers' cluster table: every
 * cluster's, or one cluster's.
 *
 * @param byName  broker name to master address, over every cluster
 * @param clusters cluster name to its masters (broker name to address)
 */
public record Masters(Map<String, String> byName, Map<String, Map<String, String>> clusters) {

    /** The masters of the cluster table the name servers give now. */
    public static Masters of(AdminClient admin) throws AdminException {
        ClusterInfo info = admin.clusterInfo();
        Map<String, Map<String, String>> clusters = new TreeMap<>();
        Map<String, String> byName = new TreeMap<>();
        for (String cluster : info.clusterAddrTable.keySet()) {
            Map<String, String> masters = new TreeMap<>(BrokerLocator.clusterMasters(info, cluster));
            clusters.put(cluster, masters);
            byName.putAll(masters);
        }
        return new Masters(byName, clusters);
    }

    /** The cluster names, sorted. */
    public List<String> clusterNames() {
        return new ArrayList<>(clusters.keySet());
    }

    /** The names that are not topics of users: clusters and broker names (brokers register them as topics). */
    public boolean isClusterOrBroker(String name) {
        return clusters.containsKey(name) || byName.containsKey(name);
    }
}
