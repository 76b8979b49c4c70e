package io.apogee.broker.topic;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.common.io.ConfigFile;
import io.apogee.common.io.MetadataWriter;
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
 * The file is rewritten atomically after every change by the broker's {@link MetadataWriter} thread, never by
 * the thread that made the change (sends run on Netty I/O threads, which must not wait for a disk). The data
 * version counter is incremented with every change and travels in REGISTER_BROKER bodies. Built-in topics
 * (TBW102 when auto-creation is on, {@code <cluster>}, {@code <brokerName>}, SELF_TEST_TOPIC, OFFSET_MOVED_EVENT,
 * {@code <cluster>_REPLY_TOPIC} with one queue, the message-trace topic when {@code traceTopicEnable}) are added
 * at load when absent.
 *
 * <p><b>Readiness.</b> A created or changed topic is <i>ready</i> once topics.json holds it and the name servers
 * were told; {@link #createOrGet} and {@link #update} return that moment as a future, which fails with a
 * {@link io.apogee.common.io.MetadataWriteException} naming the file when the write failed. Until then
 * {@link #ready(String)} returns the same future, so a message for a new topic is stored only once the topic is
 * durable. After a failed write the topic stays in memory, not ready; the next {@code ready} call asks for the
 * write again.
 *
 * <p>Thread-safe: lookups read {@link ConcurrentHashMap}s without locking; every change and the data version are
 * serialized by this object's monitor (held for in-memory work only). A stored {@link TopicConfig} is never
 * mutated after it is published (changes replace it), so callers must treat returned configs as read-only.
 */
public final class TopicTable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicTable.class);
    private static final CompletableFuture<Void> READY = CompletableFuture.completedFuture(null);
    private static final int PERM_RW = TopicConfig.PERM_READ | TopicConfig.PERM_WRITE;
    private static final int PERM_RW_INHERIT = PERM_RW | TopicConfig.PERM_INHERIT;

    private final BrokerConfig config;
    private final MetadataWriter.File file;
    private final ConcurrentHashMap<String, TopicConfig> topics = new ConcurrentHashMap<>();
    /** Topics created or changed whose change is not durable and announced yet, with that moment. */
    private final ConcurrentHashMap<String, CompletableFuture<Void>> unready = new ConcurrentHashMap<>();
    private final DataVersion version = new DataVersion(0, System.currentTimeMillis());
    private volatile TopicChangeListener listener = changed -> CompletableFuture.completedFuture(null);

    public TopicTable(BrokerConfig config, Path configDir, MetadataWriter writer) {
        this.config = config;
        this.file = writer.register(new ConfigFile(configDir.resolve("topics.json")),
                () -> JsonCodec.encode(snapshot()));
    }

    /** Reads topics.json (if present) and adds missing built-in topics, writing the file at once if needed. */
    public synchronized void load() throws IOException {
        byte[] json = file.file().readOrNull();
        if (json != null) {
            TopicConfigSerializeWrapper stored =
                    JsonCodec.decodeLenient(json, TopicConfigSerializeWrapper.class);
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
        added |= addBuiltIn(SystemTopics.replyTopic(config.brokerClusterName), 1, PERM_RW);
        if (config.traceTopicEnable && !config.msgTraceTopicName.isEmpty()) {
            added |= addBuiltIn(config.msgTraceTopicName, 1, PERM_RW);
        }
        if (added || json == null) {
            bumpVersion();
            file.writeNowOrThrow();
        }
        LOG.info("Loaded {} topics from {}", topics.size(), file.file().path());
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
     * Completes when the last change of {@code topic} is durable and announced (at once for a ready or unknown
     * topic; allocates nothing then). A failed change is written again.
     */
    public CompletableFuture<Void> ready(String topic) {
        if (unready.isEmpty()) {
            return READY;
        }
        CompletableFuture<Void> pending = unready.get(topic);
        if (pending == null) {
            return READY;
        }
        if (!pending.isCompletedExceptionally()) {
            return pending;
        }
        synchronized (this) {
            pending = unready.get(topic);
            if (pending != null && pending.isCompletedExceptionally() && topics.containsKey(topic)) {
                pending = storeAndAnnounce(topics.get(topic));
            }
            return pending == null ? READY : pending;
        }
    }

    /**
     * The existing config of {@code topic}, or a new one with {@code queueNums} read and write queues that is
     * created and then written and announced in the background.
     */
    public TopicConfig createIfAbsent(String topic, int queueNums, int perm, int topicSysFlag) {
        return createOrGet(topic, queueNums, perm, topicSysFlag).config();
    }

    /** Like {@link #createIfAbsent}, telling whether it created and when the topic is ready. */
    public TopicCreation createOrGet(String topic, int queueNums, int perm, int topicSysFlag) {
        TopicConfig existing = topics.get(topic);
        if (existing != null) {
            return new TopicCreation(existing, false, ready(topic));
        }
        synchronized (this) {
            existing = topics.get(topic);
            if (existing != null) {
                return new TopicCreation(existing, false, ready(topic));
            }
            TopicConfig created = new TopicConfig(topic, queueNums, perm);
            created.topicSysFlag = topicSysFlag;
            LOG.info("Creating topic {} with {} queues, perm {}", topic, queueNums, perm);
            return new TopicCreation(created, true, storeAndAnnounce(created));
        }
    }

    /** Creates or replaces {@code topic}'s config; the future completes when it is ready (see the class comment). */
    public synchronized CompletableFuture<Void> update(TopicConfig topic) {
        LOG.info("Updating topic {}: {}/{} queues, perm {}", topic.topicName, topic.readQueueNums,
                topic.writeQueueNums, topic.perm);
        return storeAndAnnounce(topic.copy());
    }

    /** Publishes {@code topic} in memory, then writes and announces it; called holding the monitor. */
    private CompletableFuture<Void> storeAndAnnounce(TopicConfig topic) {
        topics.put(topic.topicName, topic);
        bumpVersion();
        CompletableFuture<Void> ready = file.write()
                .thenCompose(written -> listener.onTopicsChanged(List.of(topic)));
        unready.put(topic.topicName, ready);
        ready.whenComplete((v, error) -> {
            if (error == null) {
                unready.remove(topic.topicName, ready);
            } else {
                LOG.error("Topic {} is not durable: {}", topic.topicName, error.getMessage());
            }
        });
        return ready;
    }

    /**
     * Removes {@code topic} (admin deletion): the future completes with true once topics.json no longer holds it,
     * at once with false for an unknown topic. Name servers are not told: a registration only adds topics, so
     * the route goes with DELETE_TOPIC_IN_NAMESRV, and the broker's later registrations no longer carry it.
     */
    public synchronized CompletableFuture<Boolean> delete(String topic) {
        if (topics.remove(topic) == null) {
            return CompletableFuture.completedFuture(false);
        }
        unready.remove(topic);
        bumpVersion();
        LOG.info("Deleted topic {}", topic);
        return file.write().thenApply(written -> true);
    }

    /**
     * Slave: takes its master's whole table and data version (metadata sync), replacing every topic, and writes
     * topics.json; nothing is announced (name servers ignore a slave's topics).
     *
     * @return false, changing nothing, when the table is already at the master's version
     */
    public synchronized boolean replaceAll(TopicConfigSerializeWrapper master) {
        DataVersion v = master.dataVersion;
        if (v != null && v.counter == version.counter && v.timestamp == version.timestamp) {
            return false;
        }
        topics.clear();
        master.topicConfigTable.forEach((name, config) -> {
            if (config != null) {
                TopicConfig copy = config.copy();
                copy.topicName = name;
                topics.put(name, copy);
            }
        });
        unready.clear();
        if (v != null) {
            version.counter = v.counter;
            version.timestamp = v.timestamp;
            version.stateVersion = v.stateVersion;
        } else {
            bumpVersion();
        }
        file.write().whenComplete((done, error) -> {
            if (error != null) {
                LOG.error("topics synced from the master are not durable: {}", error.getMessage());
            }
        });
        return true;
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
}
