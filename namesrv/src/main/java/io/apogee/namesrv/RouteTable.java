package io.apogee.namesrv;

import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.body.BrokerData;
import io.apogee.remoting.body.ClusterInfo;
import io.apogee.remoting.body.DataVersion;
import io.apogee.remoting.body.QueueData;
import io.apogee.remoting.body.TopicConfig;
import io.apogee.remoting.body.TopicList;
import io.apogee.remoting.body.TopicRouteData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongSupplier;

/**
 * The name server's picture of the cluster, built from broker registrations (see
 * docs/protocol/07-nameserver.md §3):
 * <ul>
 *   <li>cluster name → broker names;</li>
 *   <li>broker name → {@link BrokerData} (broker id → address; id 0 is the master);</li>
 *   <li>topic → broker name → {@link QueueData}, taken from the master's topic configs only;</li>
 *   <li>broker address → liveness (last registration, timeout, connection, topic-table version).</li>
 * </ul>
 * Registrations merge topics (added or overwritten, never removed). An address leaves when it unregisters,
 * stays silent past its timeout, or its connection closes; when a broker name has no address left, its
 * BrokerData and QueueDatas go with it, and a topic without QueueData disappears.
 *
 * <p>Unlike Apache, topic configs of a master are merged on every registration, not only when the data
 * version changed: merging is idempotent and this tolerates brokers that forget to bump the version. For the
 * same reason a wiped write permission ({@link #wipeWritePerm}) is kept as a mark on the broker name, applied to
 * its queue datas when routes are read, rather than written into them: it survives the broker's next
 * registrations until {@link #addWritePerm} or until the broker name leaves the table
 * (docs/protocol/07-nameserver.md §2).
 *
 * <p>Thread-safe: every table is a plain map guarded by one {@link ReadWriteLock}; lookups share the read
 * lock, changes take the write lock. Objects handed out are copies.
 */
public final class RouteTable {

    private final LongSupplier defaultTimeoutMillis;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Set<String>> clusterAddrTable = new HashMap<>();
    private final Map<String, BrokerData> brokerAddrTable = new HashMap<>();
    private final Map<String, Map<String, QueueData>> topicQueueTable = new HashMap<>();
    private final Map<String, BrokerLiveness> liveTable = new HashMap<>();
    /** Broker names whose write permission an admin wiped (WIPE_WRITE_PERM_OF_BROKER) until it is added back. */
    private final Set<String> writeWiped = new HashSet<>();

    /** @param defaultTimeoutMillis silence after which a broker that registered no timeout of its own is dropped */
    public RouteTable(long defaultTimeoutMillis) {
        this(() -> defaultTimeoutMillis);
    }

    /** @param defaultTimeoutMillis read at each registration, so a runtime config change applies to the next one */
    public RouteTable(LongSupplier defaultTimeoutMillis) {
        this.defaultTimeoutMillis = defaultTimeoutMillis;
    }

    /** Applies a registration received over {@code channel} (may be null) at {@code nowMillis}. */
    public RegistrationResult register(BrokerRegistration reg, RemoteChannel channel, long nowMillis) {
        lock.writeLock().lock();
        try {
            forgetOtherIdentity(reg);
            clusterAddrTable.computeIfAbsent(reg.clusterName(), c -> new TreeSet<>()).add(reg.brokerName());
            BrokerData broker = brokerAddrTable.computeIfAbsent(reg.brokerName(),
                    name -> new BrokerData(reg.clusterName(), name));
            broker.enableActingMaster = reg.enableActingMaster();
            broker.brokerAddrs.entrySet().removeIf(
                    e -> e.getValue().equals(reg.brokerAddr()) && e.getKey() != reg.brokerId());
            broker.brokerAddrs.put(reg.brokerId(), reg.brokerAddr());
            refreshLiveness(reg, channel, nowMillis);
            if (reg.isMaster()) {
                mergeTopics(reg.brokerName(), reg.topicConfigs());
                return new RegistrationResult(null, null);
            }
            String masterAddr = broker.brokerAddrs.get(BrokerRegistration.MASTER_ID);
            BrokerLiveness master = masterAddr == null ? null : liveTable.get(masterAddr);
            return new RegistrationResult(masterAddr, master == null ? null : master.haServerAddr);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** An address that was registered under another broker or cluster name leaves that one first. */
    private void forgetOtherIdentity(BrokerRegistration reg) {
        BrokerLiveness live = liveTable.get(reg.brokerAddr());
        if (live != null && (!live.brokerName.equals(reg.brokerName())
                || !live.clusterName.equals(reg.clusterName()))) {
            liveTable.remove(reg.brokerAddr());
            removeAddress(live.clusterName, live.brokerName, live.brokerAddr);
        }
    }

    private void refreshLiveness(BrokerRegistration reg, RemoteChannel channel, long nowMillis) {
        BrokerLiveness live = liveTable.get(reg.brokerAddr());
        if (live == null) {
            live = new BrokerLiveness(reg.clusterName(), reg.brokerName(), reg.brokerAddr());
            liveTable.put(reg.brokerAddr(), live);
        }
        live.haServerAddr = reg.haServerAddr();
        live.lastUpdateMillis = nowMillis;
        live.timeoutMillis = reg.heartbeatTimeoutMillis() > 0
                ? reg.heartbeatTimeoutMillis() : defaultTimeoutMillis.getAsLong();
        live.dataVersion = reg.dataVersion();
        if (channel != null && channel != live.channel) {
            live.channel = channel;
            live.channelAddress = channel.remoteAddress();
        }
    }

    private void mergeTopics(String brokerName, Map<String, TopicConfig> topicConfigs) {
        for (Map.Entry<String, TopicConfig> e : topicConfigs.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            topicQueueTable.computeIfAbsent(e.getKey(), t -> new TreeMap<>())
                    .put(brokerName, new QueueData(brokerName, e.getValue()));
        }
    }

    /**
     * Removes a broker address that announced its shutdown. Returns false when nothing was registered under
     * that name and address.
     */
    public boolean unregister(String clusterName, String brokerName, String brokerAddr) {
        lock.writeLock().lock();
        try {
            BrokerLiveness live = liveTable.get(brokerAddr);
            if (live != null && live.brokerName.equals(brokerName)) {
                liveTable.remove(brokerAddr);
            }
            return removeAddress(clusterName, brokerName, brokerAddr) || live != null;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Drops every address that registered over {@code closed}; returns the dropped addresses. */
    public List<String> removeByChannel(RemoteChannel closed) {
        lock.writeLock().lock();
        try {
            List<String> removed = new ArrayList<>();
            Iterator<BrokerLiveness> it = liveTable.values().iterator();
            while (it.hasNext()) {
                BrokerLiveness live = it.next();
                if (live.cameOver(closed)) {
                    it.remove();
                    removeAddress(live.clusterName, live.brokerName, live.brokerAddr);
                    removed.add(live.brokerAddr);
                }
            }
            return removed;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Drops every address silent for longer than its timeout at {@code nowMillis}. */
    public List<ExpiredBroker> expire(long nowMillis) {
        lock.writeLock().lock();
        try {
            List<ExpiredBroker> expired = new ArrayList<>();
            Iterator<BrokerLiveness> it = liveTable.values().iterator();
            while (it.hasNext()) {
                BrokerLiveness live = it.next();
                if (live.isExpired(nowMillis)) {
                    it.remove();
                    removeAddress(live.clusterName, live.brokerName, live.brokerAddr);
                    expired.add(new ExpiredBroker(live.brokerName, live.brokerAddr,
                            nowMillis - live.lastUpdateMillis, live.channel));
                }
            }
            return expired;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes the address from its BrokerData and cleans up an emptied broker group. Caller holds the write lock. */
    private boolean removeAddress(String clusterName, String brokerName, String brokerAddr) {
        BrokerData broker = brokerAddrTable.get(brokerName);
        if (broker == null || !broker.brokerAddrs.values().removeIf(brokerAddr::equals)) {
            return false;
        }
        if (broker.brokerAddrs.isEmpty()) {
            brokerAddrTable.remove(brokerName);
            writeWiped.remove(brokerName);
            removeFromCluster(broker.cluster, brokerName);
            if (!clusterName.equals(broker.cluster)) {
                removeFromCluster(clusterName, brokerName);
            }
            topicQueueTable.values().removeIf(queues -> queues.remove(brokerName) != null && queues.isEmpty());
        }
        return true;
    }

    private void removeFromCluster(String clusterName, String brokerName) {
        Set<String> names = clusterAddrTable.get(clusterName);
        if (names != null && names.remove(brokerName) && names.isEmpty()) {
            clusterAddrTable.remove(clusterName);
        }
    }

    /**
     * Compares the broker's topic-table version with the one held. An unchanged version counts as a sign of
     * life (the broker will skip its registration).
     */
    public DataVersionCheck checkDataVersion(String brokerAddr, DataVersion given, long nowMillis) {
        lock.writeLock().lock();
        try {
            BrokerLiveness live = liveTable.get(brokerAddr);
            DataVersion stored = live == null ? null : live.dataVersion;
            boolean changed = stored == null || !stored.sameAs(given);
            if (!changed) {
                live.lastUpdateMillis = nowMillis;
            }
            return new DataVersionCheck(changed, stored == null ? null : copy(stored));
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The route of a topic, empty when no live broker serves it. */
    public Optional<TopicRouteData> route(String topic) {
        lock.readLock().lock();
        try {
            Map<String, QueueData> queues = topicQueueTable.get(topic);
            if (queues == null) {
                return Optional.empty();
            }
            TopicRouteData route = new TopicRouteData();
            for (QueueData queue : queues.values()) {
                BrokerData broker = brokerAddrTable.get(queue.brokerName);
                if (broker != null) {
                    QueueData q = copy(queue);
                    if (writeWiped.contains(queue.brokerName)) {
                        q.perm &= ~TopicConfig.PERM_WRITE;
                    }
                    route.queueDatas.add(q);
                    route.brokerDatas.add(broker.copy());
                }
            }
            return route.brokerDatas.isEmpty() ? Optional.empty() : Optional.of(route);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Every broker group and the broker names of every cluster. */
    public ClusterInfo clusterInfo() {
        lock.readLock().lock();
        try {
            ClusterInfo info = new ClusterInfo();
            brokerAddrTable.forEach((name, broker) -> info.brokerAddrTable.put(name, broker.copy()));
            clusterAddrTable.forEach((cluster, names) -> info.clusterAddrTable.put(cluster, new TreeSet<>(names)));
            return info;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Every topic some live broker serves. */
    public TopicList allTopics() {
        lock.readLock().lock();
        try {
            TopicList list = new TopicList();
            list.topicList.addAll(topicQueueTable.keySet());
            return list;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Topics served by at least one broker of the cluster; empty for an unknown cluster. */
    public TopicList topicsOfCluster(String clusterName) {
        lock.readLock().lock();
        try {
            TopicList list = new TopicList();
            Set<String> names = clusterAddrTable.getOrDefault(clusterName, Set.of());
            topicQueueTable.forEach((topic, queues) -> {
                if (queues.keySet().stream().anyMatch(names::contains)) {
                    list.topicList.add(topic);
                }
            });
            return list;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Removes the topic from every broker (DELETE_TOPIC_IN_NAMESRV without a cluster); false when unknown. */
    public boolean deleteTopic(String topic) {
        lock.writeLock().lock();
        try {
            return topicQueueTable.remove(topic) != null;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Removes the topic's queue datas of the brokers of {@code clusterName}; the topic goes when no broker is
     * left. Returns the number of brokers the topic was removed from (0 for an unknown cluster or topic).
     */
    public int deleteTopic(String topic, String clusterName) {
        lock.writeLock().lock();
        try {
            Map<String, QueueData> queues = topicQueueTable.get(topic);
            Set<String> names = clusterAddrTable.get(clusterName);
            if (queues == null || names == null) {
                return 0;
            }
            int removed = 0;
            for (String name : names) {
                removed += queues.remove(name) != null ? 1 : 0;
            }
            if (queues.isEmpty()) {
                topicQueueTable.remove(topic);
            }
            return removed;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Makes every topic of broker {@code brokerName} read-only in the routes served from now on, whatever the
     * broker registers, until {@link #addWritePerm}. Returns the number of its topics (0 for an unknown broker).
     */
    public int wipeWritePerm(String brokerName) {
        lock.writeLock().lock();
        try {
            int topics = topicCountOf(brokerName);
            if (brokerAddrTable.containsKey(brokerName)) {
                writeWiped.add(brokerName);
            }
            return topics;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Ends {@link #wipeWritePerm}: routes carry the permissions the broker registered. Returns its topic count. */
    public int addWritePerm(String brokerName) {
        lock.writeLock().lock();
        try {
            writeWiped.remove(brokerName);
            return topicCountOf(brokerName);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private int topicCountOf(String brokerName) {
        int count = 0;
        for (Map<String, QueueData> queues : topicQueueTable.values()) {
            count += queues.containsKey(brokerName) ? 1 : 0;
        }
        return count;
    }

    /**
     * RocketMQ's "system topics" of the name server: every cluster name and broker name (each broker registers
     * a topic of that name), with the address of one registered broker as {@code brokerAddr}.
     */
    public TopicList systemTopics() {
        lock.readLock().lock();
        try {
            TopicList list = new TopicList();
            clusterAddrTable.forEach((cluster, names) -> {
                list.topicList.add(cluster);
                list.topicList.addAll(names);
            });
            brokerAddrTable.values().stream()
                    .flatMap(broker -> broker.brokerAddrs.values().stream())
                    .findFirst()
                    .ifPresent(addr -> list.brokerAddr = addr);
            return list;
        } finally {
            lock.readLock().unlock();
        }
    }

    private static QueueData copy(QueueData q) {
        QueueData c = new QueueData();
        c.brokerName = q.brokerName;
        c.readQueueNums = q.readQueueNums;
        c.writeQueueNums = q.writeQueueNums;
        c.perm = q.perm;
        c.topicSysFlag = q.topicSysFlag;
        return c;
    }

    private static DataVersion copy(DataVersion v) {
        DataVersion c = new DataVersion(v.counter, v.timestamp);
        c.stateVersion = v.stateVersion;
        return c;
    }
}
