package io.apogee.remoting.body;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Answer of GET_BROKER_CLUSTER_INFO (106): broker groups by name and broker names by cluster. */
public final class ClusterInfo {
    public Map<String, BrokerData> brokerAddrTable = new HashMap<>();
    public Map<String, Set<String>> clusterAddrTable = new HashMap<>();
}
