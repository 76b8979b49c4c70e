package io.apogee.broker.topic;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.common.io.ConfigFile;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.body.DataVersion;
import io.apogee.remoting.body.TopicConfig;
import io.apogee.remoting.body.TopicConfigSerializeWrapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's topics, kept in memory and in {@code <configDir>/topics.json}:
 * <pre>
 * {"dataVersion":{"counter":3,"stateVersion":0,"timestamp":1700000000000},
 *  "topicConfigTable":{"TopicA":{"attributes":{},"order":false,"perm":6,"readQueueNums":4,
 *                      "topicFilterType":"SINGLE_TAG","topicName":"TopicA","topicSysFlag":0,"writeQueueNums":4}}}
 * </pre>
 * The file is rewritten atomically ({@link ConfigFile}) after every change; the data version counter is
 * incremented with every change and travels in REGISTER_BROKER bodies. Built-in topics (TBW102 when
 * auto-creation is on, {@code <cluster>}, {@code <brokerName>}, SELF_TEST_TOPIC, OFFSET_MOVED_EVENT) are added
 * at load when absent.
 *
 * <p>Thread-safe: lookups read a {@link ConcurrentHashMap} without locking; every change, the data version
 * and the file write are serialized by this object's monitor. A stored {@link TopicConfig} is never mutated
 * after it is published (changes replace it), so callers must treat returned configs as read-only.
 */
public final class TopicTable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicTable.class);
    private static final int PERM_RW = TopicConfig.PERM_READ | TopicConfig.PERM_WRITE;
    private static final int PERM_RW_INHERIT = PERM_RW | TopicConfig.PERM_INHERIT;

    private final BrokerConfig config;
    private final ConfigFile file;
    private final ConcurrentHashMap<String, TopicConfig> topics = new ConcurrentHashMap<>();
    private final DataVersion version = new DataVersion(0, System.currentTimeMillis());
    private volatile TopicChangeListener listener = changed -> CompletableFuture.completedFuture(null);

    public TopicTable(BrokerConfig config, Path configDir) {
        this.config = config;
        this.file = new ConfigFile(configDir.resolve("topics.json"));
    }

    /** Reads topics.json (if present) and adds missing built-in topics. */
    public synchronized void load() throws IOException {
        byte[] json = file.readOrNull();
        if (json != null) {
            TopicConfigSerializeWrapper stored = JsonCodec.decode(json, TopicConfigSerializeWrapper.class);
            topics.putAll(stored.topicConfigTable);
            if (stored.dataVersion != null) {
                version.counter = stored.dataVersion.counter;
                version.stateVersion = stored.dataVersion.stateVersion;
            }
        }
        boolean added = false;
        if (config.autoCreateTopicEnable) {
            added |= addBuiltIn(SystemTopics.AUTO_CREATE_TEMPLATE, config.defaultTopicQueueNums, PERM_RW_INHERIT);
        }
        added |= addBuiltIn(config.brokerClusterName, 16, PERM_RW_INHERIT);
        added |= addBuiltIn(config.brokerName, 1, PERM_RW_INHERIT);
        added |= addBuiltIn(SystemTopics.SELF_TEST, 1, PERM_RW);
        added |= addBuiltIn(SystemTopics.OFFSET_MOVED_EVENT, 1, PERM_RW);
        if (added || json == null) {
            bumpVersion();
            persist();
        }
        LOG.info("Loaded {} topics from {}", topics.size(), file.path());
    }

    private boolean addBuiltIn(String name, int queues, int perm) {
        return topics.putIfAbsent(name, new TopicConfig(name, queues, perm)) == null;
    }

    /** Sets who is told about created and updated topics (the name-server registrar). */
    public void setChangeListener(TopicChangeListener listener) {
        this.listener = listener;
    }

    /** The topic's config, or null when the topic is unknown. The result must not be modified. */
    public TopicConfig find(String topic) {
        return topics.get(topic);
    }

    /**
     * The existing config of {@code topic}, or a new one with {@code queueNums} read and write queues that is
     * created, persisted and announced to the name servers (without waiting for them).
     */
    public TopicConfig createIfAbsent(String topic, int queueNums, int perm, int topicSysFlag) {
        return createOrGet(topic, queueNums, perm, topicSysFlag).config();
    }

    /** Like {@link #createIfAbsent} but tells whether it created and when the announcement finished. */
    public TopicCreation createOrGet(String topic, int queueNums, int perm, int topicSysFlag) {
        TopicConfig existing = topics.get(topic);
        if (existing != null) {
            return new TopicCreation(existing, false, CompletableFuture.completedFuture(null));
        }
        synchronized (this) {
            existing = topics.get(topic);
            if (existing != null) {
                return new TopicCreation(existing, false, CompletableFuture.completedFuture(null));
            }
            TopicConfig created = new TopicConfig(topic, queueNums, perm);
            created.topicSysFlag = topicSysFlag;
            LOG.info("Creating topic {} with {} queues, perm {}", topic, queueNums, perm);
            return new TopicCreation(created, true, store(created));
        }
    }

    /** Creates or replaces {@code topic}'s config; the future completes when the name servers were told. */
    public synchronized CompletableFuture<Void> update(TopicConfig topic) {
        LOG.info("Updating topic {}: {}/{} queues, perm {}", topic.topicName, topic.readQueueNums,
                topic.writeQueueNums, topic.perm);
        return store(topic.copy());
    }

    private CompletableFuture<Void> store(TopicConfig topic) {
        topics.put(topic.topicName, topic);
        bumpVersion();
        persist();
        return listener.onTopicsChanged(List.of(topic));
    }

    /** A copy of every topic config, by name. */
    public Map<String, TopicConfig> all() {
        return new HashMap<>(topics);
    }

    /** A copy of the current data version. */
    public synchronized DataVersion dataVersion() {
        return copyOf(version);
    }

    /** The whole table with its data version, consistent with each other (the topics.json shape). */
    public synchronized TopicConfigSerializeWrapper snapshot() {
        TopicConfigSerializeWrapper w = new TopicConfigSerializeWrapper();
        w.topicConfigTable = new HashMap<>(topics);
        w.dataVersion = copyOf(version);
        return w;
    }

    /** The given topics with the current data version (an incremental registration body). */
    public synchronized TopicConfigSerializeWrapper snapshotOf(List<TopicConfig> changed) {
        TopicConfigSerializeWrapper w = new TopicConfigSerializeWrapper();
        for (TopicConfig t : changed) {
            w.topicConfigTable.put(t.topicName, t);
        }
        w.dataVersion = copyOf(version);
        return w;
    }

    private void bumpVersion() {
        version.counter++;
        version.timestamp = System.currentTimeMillis();
    }

    private static DataVersion copyOf(DataVersion v) {
        DataVersion c = new DataVersion(v.counter, v.timestamp);
        c.stateVersion = v.stateVersion;
        return c;
    }

    private void persist() {
        try {
            file.write(JsonCodec.encode(snapshot()));
        } catch (IOException | RuntimeException e) {
            LOG.error("Could not write {}: {}", file.path(), e.toString());
        }
    }
}
