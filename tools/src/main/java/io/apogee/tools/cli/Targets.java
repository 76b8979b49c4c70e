package io.apogee.tools.cli;

import io.apogee.remoting.body.ClusterInfo;
import io.apogee.remoting.body.TopicRouteData;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.admin.BrokerLocator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Picks the brokers a command talks to, from {@code -b} (address or name) or {@code -c} (cluster) or a topic's
 * route, failing with a {@link CommandFailure} that names the value when nothing matches.
 *
 * <p>Stateless, hence thread-safe.
 */
public final class Targets {

    private Targets() {
    }

    /** The master addresses of {@code cluster}, sorted; an unknown or empty cluster fails. */
    public static List<String> clusterMasters(AdminClient admin, String cluster) throws AdminException {
        Map<String, String> masters = BrokerLocator.clusterMasters(admin.clusterInfo(), cluster);
        if (masters.isEmpty()) {
            throw new CommandFailure("cluster [" + cluster + "] not exist or has no master broker");
        }
        return new ArrayList<>(masters.values());
    }

    /** Every address of {@code cluster} (masters and slaves); an unknown cluster fails. */
    public static List<String> clusterAddrs(AdminClient admin, String cluster) throws AdminException {
        List<String> addrs = BrokerLocator.clusterAddrs(admin.clusterInfo(), cluster);
        if (addrs.isEmpty()) {
            throw new CommandFailure("cluster [" + cluster + "] not exist");
        }
        return addrs;
    }

    /** {@code -b ADDR} when given, else every master of {@code -c CLUSTER}. */
    public static List<String> brokerOrCluster(AdminClient admin, String brokerAddr, String cluster)
            throws AdminException {
        if (brokerAddr != null) {
            return List.of(brokerAddr.trim());
        }
        return clusterMasters(admin, cluster.trim());
    }

    /** The master address of broker group {@code brokerName}; an unknown name fails. */
    public static String masterOfBrokerName(AdminClient admin, String brokerName) throws AdminException {
        ClusterInfo info = admin.clusterInfo();
        return BrokerLocator.masterOf(info, brokerName)
                .orElseThrow(() -> new CommandFailure("broker [" + brokerName + "] not found in the cluster table"));
    }

    /** The master address of {@code brokerName} in {@code route}; a broker not serving the topic fails. */
    public static String masterInRoute(TopicRouteData route, String topic, String brokerName) {
        String addr = BrokerLocator.masters(route).get(brokerName);
        if (addr == null) {
            throw new CommandFailure("topic [" + topic + "] has no queues on broker [" + brokerName + "]");
        }
        return addr;
    }

    /** The master addresses of a topic's route; a route without masters fails. */
    public static Map<String, String> topicMasters(AdminClient admin, String topic) throws AdminException {
        Map<String, String> masters = BrokerLocator.masters(admin.route(topic));
        if (masters.isEmpty()) {
            throw new CommandFailure("topic [" + topic + "] has no master broker in its route");
        }
        return masters;
    }
}
