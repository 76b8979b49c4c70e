package io.apogee.namesrv;

import io.apogee.common.io.ConfigFile;
import io.apogee.common.io.MetadataWriter;
import io.apogee.remoting.JsonCodec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The name server's key-value configuration (RocketMQ's KVConfigManager), by namespace then key: what
 * {@code mqadmin updateKvConfig}, {@code updateOrderConf} and friends store, e.g. namespace
 * {@code ORDER_TOPIC_CONFIG} maps a topic to {@code brokerA:4;brokerB:4}. Kept in memory and in the file
 * {@code kvConfigPath}, RocketMQ's shape:
 * <pre>
 * {"configTable":{"ORDER_TOPIC_CONFIG":{"TopicA":"broker-a:4"}}}
 * </pre>
 * The file is read once at start and rewritten atomically by a {@link MetadataWriter} after each change; a
 * change's future completes when the file holding it is on disk (or fails naming the file, the change staying
 * in memory).
 *
 * <p>Thread-safe: the table is guarded by this object's monitor (held for in-memory work only); the writer thread
 * takes a copy under the same monitor.
 */
public final class KvConfigTable {

    private static final Logger LOG = LoggerFactory.getLogger(KvConfigTable.class);

    private final Map<String, Map<String, String>> table = new TreeMap<>();
    private final MetadataWriter.File file;

    public KvConfigTable(Path path, MetadataWriter writer) {
        this.file = writer.register(new ConfigFile(path), () -> JsonCodec.encode(snapshot()));
    }

    /** Reads the file if it exists; a malformed file is an {@link IllegalArgumentException} naming it. */
    public synchronized void load() throws IOException {
        byte[] json = file.file().readOrNull();
        if (json == null) {
            return;
        }
        KvConfigFile stored;
        try {
            stored = JsonCodec.decode(json, KvConfigFile.class);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file.file().path() + ": " + e.getMessage(), e);
        }
        if (stored.configTable != null) {
            stored.configTable.forEach((ns, entries) -> table.put(ns, new TreeMap<>(entries)));
        }
        LOG.info("Loaded {} KV config namespaces from {}", table.size(), file.file().path());
    }

    /** Sets a value; the future completes when it is on disk. */
    public CompletableFuture<Void> put(String namespace, String key, String value) {
        synchronized (this) {
            table.computeIfAbsent(namespace, ns -> new TreeMap<>()).put(key, value);
        }
        LOG.info("KV config {}/{} set to {}", namespace, key, value);
        return file.write();
    }

    /** Removes a key (a namespace goes with its last key); the future completes when that is on disk. */
    public CompletableFuture<Void> delete(String namespace, String key) {
        synchronized (this) {
            Map<String, String> entries = table.get(namespace);
            if (entries == null || entries.remove(key) == null) {
                return CompletableFuture.completedFuture(null);
            }
            if (entries.isEmpty()) {
                table.remove(namespace);
            }
        }
        LOG.info("KV config {}/{} deleted", namespace, key);
        return file.write();
    }

    public synchronized Optional<String> get(String namespace, String key) {
        return Optional.ofNullable(table.getOrDefault(namespace, Map.of()).get(key));
    }

    /** A copy of the namespace's entries, empty when it has none. */
    public synchronized Map<String, String> namespace(String namespace) {
        return new TreeMap<>(table.getOrDefault(namespace, Map.of()));
    }

    /** The path of the file. */
    public Path path() {
        return file.file().path();
    }

    private synchronized KvConfigFile snapshot() {
        KvConfigFile copy = new KvConfigFile();
        table.forEach((ns, entries) -> copy.configTable.put(ns, new TreeMap<>(entries)));
        return copy;
    }

    /** The file's JSON shape (RocketMQ's KVConfigSerializeWrapper). */
    public static final class KvConfigFile {
        public Map<String, Map<String, String>> configTable = new TreeMap<>();
    }
}
