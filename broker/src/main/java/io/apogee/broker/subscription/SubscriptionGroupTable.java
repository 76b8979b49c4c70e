package io.apogee.broker.subscription;

import io.apogee.common.io.ConfigFile;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.body.DataVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's consumer groups ({@link SubscriptionGroupConfig} by name), persisted in
 * {@code <configDir>/subscriptionGroup.json}:
 * <pre>{"dataVersion":{"counter":3,"stateVersion":0,"timestamp":1700000000000},
 *  "subscriptionGroupTable":{"G":{...SubscriptionGroupConfig...}}}</pre>
 * The file is rewritten atomically ({@link ConfigFile}) after every change.
 *
 * <p>Thread-safe: lookups read a concurrent map; changes and file writes are serialized on this object.
 */
public final class SubscriptionGroupTable {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionGroupTable.class);

    /** On-disk form of the table. */
    public static final class FileForm {
        public Map<String, SubscriptionGroupConfig> subscriptionGroupTable = new TreeMap<>();
        public DataVersion dataVersion = new DataVersion();
    }

    private final ConcurrentHashMap<String, SubscriptionGroupConfig> groups = new ConcurrentHashMap<>();
    private final ConfigFile file;
    private final boolean autoCreate;
    private long counter;

    public SubscriptionGroupTable(Path configDir, boolean autoCreate) {
        this.file = new ConfigFile(configDir.resolve("subscriptionGroup.json"));
        this.autoCreate = autoCreate;
    }

    /** Loads the file if it exists; a malformed file is an {@link IllegalStateException} naming it. */
    public synchronized void load() {
        try {
            byte[] content = file.readOrNull();
            if (content == null) {
                return;
            }
            FileForm form = JsonCodec.decode(content, FileForm.class);
            form.subscriptionGroupTable.forEach((name, config) -> {
                if (config != null) {
                    config.groupName = name;
                    groups.put(name, config);
                }
            });
            counter = form.dataVersion == null ? 0 : form.dataVersion.counter;
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read " + file.path() + ": " + e.getMessage(), e);
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
                persist();
            }
            return config;
        }
    }

    /** Adds or replaces a group's config (admin). */
    public synchronized void put(SubscriptionGroupConfig config) {
        if (config.groupName == null || config.groupName.isBlank()) {
            throw new IllegalArgumentException("subscription group name is empty: '" + config.groupName + "'");
        }
        groups.put(config.groupName, config);
        persist();
    }

    /** Removes a group's config; returns whether it existed. */
    public synchronized boolean remove(String group) {
        boolean existed = groups.remove(group) != null;
        if (existed) {
            persist();
        }
        return existed;
    }

    /** A snapshot of all configs. */
    public List<SubscriptionGroupConfig> all() {
        return List.copyOf(groups.values());
    }

    private void persist() {
        FileForm form = new FileForm();
        form.subscriptionGroupTable.putAll(groups);
        form.dataVersion.counter = ++counter;
        form.dataVersion.timestamp = System.currentTimeMillis();
        try {
            file.write(JsonCodec.encodeToString(form).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file.path(), e);
        }
    }
}
