package io.apogee.broker.client;

import io.apogee.broker.subscription.Subscription;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live members of one consumer group and the group's subscriptions, as told by the members' heartbeats.
 * Like RocketMQ, subscriptions are per group (the last heartbeat wins), and only topics added or removed
 * count as a subscription change (a new {@code subVersion} of a known topic replaces the entry quietly).
 *
 * <p>Thread-safe: lookups read concurrent maps; membership and subscription updates are serialized by the
 * owning {@link ClientTable} (which mutates a group only inside its map's atomic compute).
 */
public final class ConsumerGroup {

    private final String name;
    private final ConcurrentHashMap<String, ClientConnection> connections = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    /**
     * Per topic: the moment (ms) since which the group has subscribed the topic: the earliest of the broker time
     * at which a heartbeat first carried the subscription and the {@code subVersion}s reported for it since.
     */
    private final ConcurrentHashMap<String, Long> subscribedSince = new ConcurrentHashMap<>();
    private volatile String consumeType;
    private volatile String messageModel;
    private volatile String consumeFromWhere;

    ConsumerGroup(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public String consumeType() {
        return consumeType;
    }

    public String messageModel() {
        return messageModel;
    }

    public String consumeFromWhere() {
        return consumeFromWhere;
    }

    /** The group's subscription of a topic, or null. */
    public Subscription subscription(String topic) {
        return subscriptions.get(topic);
    }

    /**
     * The moment (ms) since which the group has continuously subscribed the topic, or -1 when it does not
     * subscribe it; messages stored from then on were published while the group was listening. It is the
     * earliest of (a) the broker time at which a heartbeat of the group first carried the topic and (b) every
     * {@code subVersion} reported for the topic since: the client's wall-clock time at which the application
     * subscribed (raised by the client at each rebalance, so the earliest report is kept). (b) is what lets a
     * consumer that subscribed before the broker could hear of it (the topic did not exist yet, so the client
     * knew no route and sent no heartbeat) still receive the messages published after it subscribed.
     */
    public long subscribedSince(String topic) {
        Long since = subscribedSince.get(topic);
        return since == null ? -1 : since;
    }

    public Collection<Subscription> subscriptions() {
        return List.copyOf(subscriptions.values());
    }

    public Collection<ClientConnection> connections() {
        return List.copyOf(connections.values());
    }

    /** Distinct client ids of the live members, sorted. */
    public List<String> clientIds() {
        Set<String> ids = new TreeSet<>();
        for (ClientConnection c : connections.values()) {
            ids.add(c.clientId());
        }
        return new ArrayList<>(ids);
    }

    boolean isEmpty() {
        return connections.isEmpty();
    }

    void describe(String consumeType, String messageModel, String consumeFromWhere) {
        this.consumeType = consumeType;
        this.messageModel = messageModel;
        this.consumeFromWhere = consumeFromWhere;
    }

    /** Adds or refreshes a member; true when the connection is new or now carries another client id. */
    boolean updateConnection(ClientConnection connection, long nowMillis) {
        ClientConnection old = connections.get(connection.address());
        if (old != null && old.clientId().equals(connection.clientId())) {
            old.touch(nowMillis);
            return false;
        }
        connections.put(connection.address(), connection);
        return true;
    }

    ClientConnection removeConnection(String address) {
        return connections.remove(address);
    }

    /** Replaces the subscription set; true when a topic was added or removed. */
    boolean updateSubscriptions(Collection<Subscription> latest, long nowMillis) {
        boolean changed = false;
        Set<String> topics = new HashSet<>();
        for (Subscription sub : latest) {
            topics.add(sub.topic());
            Subscription old = subscriptions.get(sub.topic());
            long since = sub.subVersion() > 0 ? Math.min(nowMillis, sub.subVersion()) : nowMillis;
            subscribedSince.merge(sub.topic(), since, Math::min);
            if (old == null) {
                subscriptions.put(sub.topic(), sub);
                changed = true;
            } else if (sub.subVersion() > old.subVersion()) {
                subscriptions.put(sub.topic(), sub);
            }
        }
        for (Map.Entry<String, Subscription> e : subscriptions.entrySet()) {
            if (!topics.contains(e.getKey())) {
                subscriptions.remove(e.getKey());
                subscribedSince.remove(e.getKey());
                changed = true;
            }
        }
        return changed;
    }

    /** Members whose last heartbeat is older than the timeout. */
    List<ClientConnection> expired(long nowMillis, long timeoutMillis) {
        List<ClientConnection> out = new ArrayList<>();
        for (ClientConnection c : connections.values()) {
            if (c.isExpired(nowMillis, timeoutMillis)) {
                out.add(c);
            }
        }
        return out;
    }
}
