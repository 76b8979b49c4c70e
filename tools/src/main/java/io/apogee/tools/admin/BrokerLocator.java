package io.apogee.tools.admin;

import io.apogee.remoting.body.BrokerData;
import io.apogee.remoting.body.ClusterInfo;
import io.apogee.remoting.body.QueueData;
import io.apogee.remoting.body.TopicConfig;
import io.apogee.remoting.body.TopicRouteData;
import io.apogee.tools.message.MessageQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds brokers in name-server answers the way DefaultMQAdminExt does (docs/protocol/06-admin.md): the master
 * (broker id 0) of each broker group of a route or a cluster, and the queues a route offers to readers and writers
 * (the clients' topicRouteData2TopicSubscribeInfo / PublishInfo).
 *
 * <p>Stateless, hence thread-safe.
 */
public final class BrokerLocator {

    /** Broker id of a master. */
    public static final long MASTER_ID = 0L;

    private BrokerLocator() {
    }

    /** Broker name → master address of every group in {@code route} that has a master, sorted by name. */
    public static Map<String, String> masters(TopicRouteData route) {
        Map<String, String> masters = new TreeMap<>();
        for (BrokerData broker : route.brokerDatas) {
            String addr = broker.brokerAddrs.get(MASTER_ID);
            if (addr != null) {
                masters.put(broker.brokerName, addr);
            }
        }
        return masters;
    }

    /** Broker name → master address of every group of {@code cluster}; empty for an unknown cluster. */
    public static Map<String, String> clusterMasters(ClusterInfo info, String cluster) {
        Map<String, String> masters = new TreeMap<>();
        Set<String> names = info.clusterAddrTable.getOrDefault(cluster, Set.of());
        for (String name : names) {
            BrokerData broker = info.brokerAddrTable.get(name);
            if (broker != null && broker.brokerAddrs.get(MASTER_ID) != null) {
                masters.put(name, broker.brokerAddrs.get(MASTER_ID));
            }
        }
        return masters;
    }

    /** Every address (masters and slaves) of {@code cluster}'s groups, sorted. */
    public static List<String> clusterAddrs(ClusterInfo info, String cluster) {
        List<String> addrs = new ArrayList<>();
        for (String name : info.clusterAddrTable.getOrDefault(cluster, Set.of())) {
            BrokerData broker = info.brokerAddrTable.get(name);
            if (broker != null) {
                addrs.addAll(broker.brokerAddrs.values());
            }
        }
        addrs.sort(null);
        return addrs;
    }

    /** The master address of broker group {@code brokerName}, from the cluster table. */
    public static Optional<String> masterOf(ClusterInfo info, String brokerName) {
        BrokerData broker = info.brokerAddrTable.get(brokerName);
        return broker == null ? Optional.empty() : Optional.ofNullable(broker.brokerAddrs.get(MASTER_ID));
    }

    /** The cluster that broker group {@code brokerName} belongs to. */
    public static Optional<String> clusterOf(ClusterInfo info, String brokerName) {
        for (Map.Entry<String, Set<String>> cluster : new TreeMap<>(info.clusterAddrTable).entrySet()) {
            if (cluster.getValue().contains(brokerName)) {
                return Optional.of(cluster.getKey());
            }
        }
        return Optional.empty();
    }

    /** The broker name whose group has {@code addr} (any broker id). */
    public static Optional<String> brokerNameOf(ClusterInfo info, String addr) {
        for (BrokerData broker : info.brokerAddrTable.values()) {
            if (broker.brokerAddrs.containsValue(addr)) {
                return Optional.of(broker.brokerName);
            }
        }
        return Optional.empty();
    }

    /** The queues readers see: readQueueNums per readable group with a master, sorted. */
    public static List<MessageQueue> readQueues(String topic, TopicRouteData route) {
        return queues(topic, route, true);
    }

    /** The queues writers use: writeQueueNums per writable group with a master, sorted. */
    public static List<MessageQueue> writeQueues(String topic, TopicRouteData route) {
        return queues(topic, route, false);
    }

    private static List<MessageQueue> queues(String topic, TopicRouteData route, boolean read) {
        Map<String, String> masters = masters(route);
        List<MessageQueue> queues = new ArrayList<>();
        for (QueueData data : route.queueDatas) {
            int perm = read ? TopicConfig.PERM_READ : TopicConfig.PERM_WRITE;
            if ((data.perm & perm) == 0 || !masters.containsKey(data.brokerName)) {
                continue;
            }
            int count = read ? data.readQueueNums : data.writeQueueNums;
            for (int i = 0; i < count; i++) {
                queues.add(new MessageQueue(topic, data.brokerName, i));
            }
        }
        queues.sort(null);
        return queues;
    }
}
