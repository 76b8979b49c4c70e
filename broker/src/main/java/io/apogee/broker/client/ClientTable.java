package io.apogee.broker.client;

import io.apogee.broker.subscription.Subscription;
import io.apogee.common.text.ClientText;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live clients by group: consumer groups ({@link ConsumerGroup}: members, subscriptions, consume type and
 * model) and producer groups (members). Members are keyed by their connection's remote address. When a
 * consumer group gains a member, loses one or its subscribed topics change, the remaining members are sent
 * NOTIFY_CONSUMER_IDS_CHANGED (if the group's {@code notifyConsumerIdsChangedEnable} allows it).
 *
 * <p>Thread-safe: each group is changed only inside {@link ConcurrentHashMap#compute} of its key, so a group
 * emptied and dropped by one thread can never be revived by another; notifications are sent afterwards,
 * outside the map's lock.
 */
public final class ClientTable {

    private static final Logger LOG = LoggerFactory.getLogger(ClientTable.class);

    private final ConcurrentHashMap<String, ConsumerGroup> consumers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, ClientConnection>> producers =
            new ConcurrentHashMap<>();
    private final ConsumerIdsChangeNotifier notifier;
    private final Predicate<String> notifyEnabled;

    /**
     * @param notifier      sends the change notices
     * @param notifyEnabled whether a consumer group wants change notices
     */
    public ClientTable(ConsumerIdsChangeNotifier notifier, Predicate<String> notifyEnabled) {
        this.notifier = notifier;
        this.notifyEnabled = notifyEnabled;
    }

    /**
     * Registers or refreshes a consumer group member.
     *
     * @param subscriptions the group's subscriptions from this heartbeat, or null to keep the current ones
     *                      (heartbeat V2 without subscriptions)
     * @return true when the group's subscribed topics changed
     */
    public boolean registerConsumer(String group, String consumeType, String messageModel, String consumeFromWhere,
                                    ClientConnection member, Collection<Subscription> subscriptions, long nowMillis) {
        boolean[] changes = new boolean[2];
        ConsumerGroup updated = consumers.compute(group, (name, g) -> {
            ConsumerGroup target = g == null ? new ConsumerGroup(name) : g;
            target.describe(consumeType, messageModel, consumeFromWhere);
            changes[0] = target.updateConnection(member, nowMillis);
            changes[1] = subscriptions != null && target.updateSubscriptions(subscriptions, nowMillis);
            return target;
        });
        if (changes[0]) {
            LOG.info("consumer {} joined group {} from {}", ClientText.of(member.clientId()), group, member.address());
        }
        if (changes[0] || changes[1]) {
            notifyGroup(updated);
        }
        return changes[1];
    }

    /** Registers or refreshes a producer group member. */
    public void registerProducer(String group, ClientConnection member, long nowMillis) {
        ConcurrentHashMap<String, ClientConnection> members =
                producers.computeIfAbsent(group, g -> new ConcurrentHashMap<>());
        ClientConnection old = members.get(member.address());
        if (old != null && old.clientId().equals(member.clientId())) {
            old.touch(nowMillis);
        } else {
            members.put(member.address(), member);
        }
    }

    /** Removes the member at {@code address} from a consumer group (UNREGISTER_CLIENT). */
    public void unregisterConsumer(String group, String address) {
        ConsumerGroup[] notify = new ConsumerGroup[1];
        consumers.computeIfPresent(group, (name, g) -> {
            if (g.removeConnection(address) != null) {
                LOG.info("connection {} left consumer group {}", address, name);
                notify[0] = g;
            }
            return g.isEmpty() ? null : g;
        });
        if (notify[0] != null && !notify[0].isEmpty()) {
            notifyGroup(notify[0]);
        }
    }

    /** Removes the member at {@code address} from a producer group. */
    public void unregisterProducer(String group, String address) {
        producers.computeIfPresent(group, (name, members) -> {
            members.remove(address);
            return members.isEmpty() ? null : members;
        });
    }

    /** A connection closed: removes it from every group. */
    public void connectionClosed(String address) {
        for (String group : List.copyOf(consumers.keySet())) {
            unregisterConsumer(group, address);
        }
        for (String group : List.copyOf(producers.keySet())) {
            unregisterProducer(group, address);
        }
    }

    /** Drops (and closes) members whose last heartbeat is older than {@code timeoutMillis}; returns how many. */
    public int removeExpired(long nowMillis, long timeoutMillis) {
        List<ClientConnection> expired = new ArrayList<>();
        for (ConsumerGroup g : consumers.values()) {
            expired.addAll(g.expired(nowMillis, timeoutMillis));
        }
        for (Map<String, ClientConnection> members : producers.values()) {
            for (ClientConnection c : members.values()) {
                if (c.isExpired(nowMillis, timeoutMillis)) {
                    expired.add(c);
                }
            }
        }
        for (ClientConnection c : expired) {
            LOG.warn("client {} silent for more than {} ms: closing its connection", c, timeoutMillis);
            connectionClosed(c.address());
            c.channel().close();
        }
        return expired.size();
    }

    /** The consumer group, or null when it has no live member. */
    public ConsumerGroup consumerGroup(String group) {
        return consumers.get(group);
    }

    /** Names of consumer groups with live members. */
    public List<String> consumerGroups() {
        return List.copyOf(consumers.keySet());
    }

    /** Names of consumer groups with live members that subscribe {@code topic}, sorted. */
    public Set<String> consumerGroupsSubscribing(String topic) {
        Set<String> out = new TreeSet<>();
        consumers.forEach((name, group) -> {
            if (group.subscription(topic) != null) {
                out.add(name);
            }
        });
        return out;
    }

    /** The live member of a consumer group with this client id, if any (admin relays to one client). */
    public Optional<ClientConnection> consumerConnection(String group, String clientId) {
        ConsumerGroup g = consumers.get(group);
        if (g == null) {
            return Optional.empty();
        }
        return g.connections().stream().filter(c -> c.clientId().equals(clientId) && c.channel().isActive())
                .findFirst();
    }

    /** Live members of a producer group (e.g. for CHECK_TRANSACTION_STATE); empty when none. */
    public List<ClientConnection> producerConnections(String group) {
        Map<String, ClientConnection> members = producers.get(group);
        return members == null ? List.of() : List.copyOf(members.values());
    }

    /**
     * The open connection of the client that heartbeated as a producer with this client id, if any (a reply is
     * pushed to its requester there). Looks through every producer group's members; allocates no copy.
     */
    public Optional<ClientConnection> producerConnection(String clientId) {
        for (Map<String, ClientConnection> members : producers.values()) {
            for (ClientConnection c : members.values()) {
                if (c.clientId().equals(clientId) && c.channel().isActive()) {
                    return Optional.of(c);
                }
            }
        }
        return Optional.empty();
    }

    /** Every live producer connection, once per producer group it is a member of. */
    public List<ClientConnection> producerConnections() {
        List<ClientConnection> all = new ArrayList<>();
        producers.values().forEach(members -> all.addAll(members.values()));
        return all;
    }

    /**
     * Sends the group's members NOTIFY_CONSUMER_IDS_CHANGED although nothing changed, so that they rebalance now
     * (unless the group turned change notices off).
     */
    public void askToRebalance(ConsumerGroup group) {
        notifyGroup(group);
    }

    private void notifyGroup(ConsumerGroup group) {
        if (notifyEnabled.test(group.name())) {
            notifier.notifyMembers(group.name(), group.connections());
        }
    }
}
