package io.apogee.broker.stats;

import io.apogee.broker.client.ClientTable;
import io.apogee.broker.client.ConsumerGroup;
import io.apogee.broker.offset.ConsumerOffsetTable;
import io.apogee.broker.topic.TopicTable;
import io.apogee.remoting.body.ConsumeStats;
import io.apogee.remoting.body.MessageQueueBody;
import io.apogee.remoting.body.OffsetWrapper;
import io.apogee.store.MessageStore;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds a group's {@link ConsumeStats} for one topic from the store (queue ends), the committed offsets, what
 * the group pulled ({@link BrokerStats}) and the store times of the last consumed messages; and answers which
 * topics a group consumes here.
 *
 * <p>Thread-safe: stateless apart from thread-safe collaborators.
 */
final class ConsumeStatsReader {

    private final String brokerName;
    private final MessageStore store;
    private final TopicTable topics;
    private final ConsumerOffsetTable offsets;
    private final ClientTable clients;
    private final BrokerStats stats;
    private final StoreTimes times;

    ConsumeStatsReader(String brokerName, MessageStore store, TopicTable topics, ConsumerOffsetTable offsets,
                       ClientTable clients, BrokerStats stats) {
        this.brokerName = brokerName;
        this.store = store;
        this.topics = topics;
        this.offsets = offsets;
        this.clients = clients;
        this.stats = stats;
        this.times = new StoreTimes(store);
    }

    /** Topics (known here) on which the group has committed offsets. */
    Set<String> topicsWithOffsets(String group) {
        Set<String> found = new TreeSet<>();
        for (String topic : topics.all().keySet()) {
            if (!offsets.offsets(group, topic).isEmpty()) {
                found.add(topic);
            }
        }
        return found;
    }

    /** False when the group is online with subscriptions that do not include the topic (Apache's check). */
    boolean mayReport(String group, String topic) {
        ConsumerGroup online = clients.consumerGroup(group);
        return online == null || online.subscriptions().isEmpty() || online.subscription(topic) != null;
    }

    /** Adds the first {@code queues} queues of the topic to {@code into}, and the group's rate on the topic. */
    void addTopic(ConsumeStats into, String group, String topic, int queues) {
        for (int q = 0; q < queues; q++) {
            OffsetWrapper w = new OffsetWrapper();
            w.brokerOffset = Math.max(0, store.maxOffsetInQueue(topic, q));
            w.consumerOffset = Math.max(0, offsets.query(group, topic, q));
            w.pullOffset = Math.max(w.consumerOffset, stats.pullOffset(group, topic, q));
            w.lastTimestamp = w.consumerOffset > 0 ? Math.max(0, times.at(topic, q, w.consumerOffset - 1)) : 0;
            into.offsetTable.put(new MessageQueueBody(topic, brokerName, q), w);
        }
        into.consumeTps += stats.groupGetTps(group, topic);
    }
}
