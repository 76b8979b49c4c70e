package io.apogee.broker.subscription;

import io.apogee.common.io.ConfigFile;
import io.apogee.common.io.MetadataWriter;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.body.DataVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's consumer groups ({@link SubscriptionGroupConfig} by name), persisted in
 * {@code <configDir>/subscriptionGroup.json}:
 * <pre>{"dataVersion":{"counter":3,"stateVersion":0,"timestamp":1700000000000},
 *  "subscriptionGroupTable":{"G":{...SubscriptionGroupConfig...}}}</pre>
 * The file is rewritten atomically after every change by the broker's {@link MetadataWriter} thread, never by
 * the thread that made the change (auto-creation happens on the send path, on Netty I/O threads). An
 * auto-created group is usable at once; a failed write of it is logged (it holds only defaults and is created again
 * on first use after a restart). Admin changes return the write as a future, so the caller can report a failure.
 *
 * <p>Thread-safe: lookups read a concurrent map; changes and the data version are serialized on this object
 * (held for in-memory work only); the file content is a snapshot taken on the writer thread.
 */
public final class SubscriptionGroupTable {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionGroupTable.class);

    /** On-disk form of the table. */
    public static final class FileForm {
        public Map<String, SubscriptionGroupConfig> subscriptionGroupTable = new TreeMap<>();
        public DataVersion dataVersion = new DataVersion();
    }

    private final ConcurrentHashMap<String, SubscriptionGroupConfig> groups = new ConcurrentHashMap<>();
    private final MetadataWriter.File file;
    private final boolean autoCreate;
    private long counter;

    public SubscriptionGroupTable(Path configDir, boolean autoCreate, MetadataWriter writer) {
        this.file = writer.register(new ConfigFile(configDir.resolve("subscriptionGroup.json")), this::fileContent);
        this.autoCreate = autoCreate;
    }

    /** Loads the file if it exists; a malformed file is an {@link IllegalStateException} naming it. */
    public synchronized void load() {
        try {
            byte[] content = file.file().readOrNull();
            if (content == null) {
                return;
            }
            FileForm form = JsonCodec.decodeLenient(content, FileForm.class);
            form.subscriptionGroupTable.forEach((name, config) -> {
                if (config != null) {
                    config.groupName = name;
                    groups.put(name, config);
                }
            });
            counter = form.dataVersion == null ? 0 : form.dataVersion.counter;
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read " + file.file().path() + ": " + e.getMessage(), e);
        }
    }

    /** The group's config, or null when unknown. */
    public SubscriptionGroupConfig find(String group) {
        return groups.get(group);
    }

    /** The group's config, created with defaults when unknown and auto-creation is on; else null. */
    public SubscriptionGroupConfig findOrCreate(String group) {
        SubscriptionGroupConfig config = groups.get(group);
        if (config != null || !autoCreate) {
            return config;
        }
        synchronized (this) {
            config = groups.get(group);
            if (config == null) {
                config = new SubscriptionGroupConfig(group);
                groups.put(group, config);
                LOG.info("auto-created subscription group {}", group);
                persist().whenComplete((v, error) -> {
                    if (error != null) {
                        LOG.error("auto-created subscription group {} is not durable: {}", group, error.getMessage());
                    }
                });
            }
            return config;
        }
    }

    /** Adds or replaces a group's config (admin); the future completes once the file holds it. */
    public synchronized CompletableFuture<Void> put(SubscriptionGroupConfig config) {
        if (config.groupName == null || config.groupName.isBlank()) {
            throw new IllegalArgumentException("subscription group name is empty: '" + config.groupName + "'");
        }
        groups.put(config.groupName, config);
        return persist();
    }

    /** Removes a group's config; the future completes (true when it existed) once the file no longer holds it. */
    public synchronized CompletableFuture<Boolean> remove(String group) {
        if (groups.remove(group) == null) {
            return CompletableFuture.completedFuture(false);
        }
        return persist().thenApply(v -> true);
    }

    /**
     * Slave: takes its master's whole table (metadata sync) and writes the file.
     *
     * @return false, changing nothing, when the table already holds exactly the master's configs
     */
    public synchronized boolean replaceAll(Map<String, SubscriptionGroupConfig> master) {
        Map<String, SubscriptionGroupConfig> named = new TreeMap<>();
        master.forEach((name, config) -> {
            if (config != null) {
                config.groupName = name;
                named.put(name, config);
            }
        });
        if (JsonCodec.encodeToString(named).equals(JsonCodec.encodeToString(new TreeMap<>(groups)))) {
            return false;
        }
        groups.clear();
        groups.putAll(named);
        persist().whenComplete((v, error) -> {
            if (error != null) {
                LOG.error("subscription groups synced from the master are not durable: {}", error.getMessage());
            }
        });
        return true;
    }

    /** The table's version: {@code counter} counts the changes since the file was created. */
    public synchronized DataVersion dataVersion() {
        return new DataVersion(counter, System.currentTimeMillis());
    }

    /** A snapshot of all configs. */
    public List<SubscriptionGroupConfig> all() {
        return List.copyOf(groups.values());
    }

    /** Counts the change and asks for the file to be rewritten; called holding the monitor. */
    private CompletableFuture<Void> persist() {
        counter++;
        return file.write();
    }

    /** The file as of now: a copy taken under the monitor, encoded outside it (runs on the writer thread). */
    private byte[] fileContent() {
        FileForm form = new FileForm();
        synchronized (this) {
            form.subscriptionGroupTable.putAll(groups);
            form.dataVersion.counter = counter;
        }
        form.dataVersion.timestamp = System.currentTimeMillis();
        return JsonCodec.encodeToString(form).getBytes(StandardCharsets.UTF_8);
    }
}
