package io.apogee.common.config;

import io.apogee.common.io.ConfigFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration of a running server as admin requests read and change it (RocketMQ's GET/UPDATE_BROKER_CONFIG
 * and GET/UPDATE_NAMESRV_CONFIG): {@link #text()} is every key with its effective value, one {@code key=value}
 * line each; {@link #update} changes keys all or nothing:
 * <ol>
 *   <li>every key must be known (an unknown one is named with the nearest known key) and every value legal
 *       for its key (the same parser and ranges as a config file) — otherwise {@link ConfigUpdate.Status#INVALID};</li>
 *   <li>no key may be one of the server's fixed keys (ports, paths, identity) — otherwise
 *       {@link ConfigUpdate.Status#FIXED}, naming them;</li>
 *   <li>the values are set, then the server's checks across keys run; a failure restores the old values;</li>
 *   <li>when the server was started with a config file, the file is rewritten with the new values
 *       ({@link ConfigFileEdit}; atomic replace through {@link ConfigFile}); a failure restores the old values
 *       ({@link ConfigUpdate.Status#NOT_SAVED}).</li>
 * </ol>
 * Each applied update raises a version (counter + time), which RocketMQ reports with the broker's config.
 *
 * <p>Thread-safe: {@link #text()}, {@link #update} and the version are serialized by this object's monitor.
 * The config fields themselves are plain fields that server threads read without synchronization: a changed
 * value reaches a thread that reads the key per use soon after (no ordering is promised), and a key the server
 * reads once at start takes effect at the next start (the file already holds it). The file is written on the
 * calling thread: call {@link #update} from a worker thread, never a Netty I/O thread.
 */
public final class RuntimeConfig {

    private static final Logger LOG = LoggerFactory.getLogger(RuntimeConfig.class);

    private final Set<String> fixedKeys;
    private final Runnable crossCheck;
    private final ConfigFile file;
    private final KeyIndex index;
    private long versionCounter;
    private long versionTimestamp = System.currentTimeMillis();

    /**
     * @param file       the file the server was started with ({@code -c}), rewritten by updates; null when none
     * @param fixedKeys  canonical names of keys that cannot change while the server runs
     * @param crossCheck the server's checks across keys, throwing {@link ConfigException}; run after each change
     * @param configs    the server's live config objects
     */
    public RuntimeConfig(Path file, Set<String> fixedKeys, Runnable crossCheck, Object... configs) {
        this.fixedKeys = Set.copyOf(fixedKeys);
        this.crossCheck = crossCheck;
        this.file = file == null ? null : new ConfigFile(file);
        this.index = new KeyIndex(configs);
    }

    /** The config file updates are saved to, if the server was started with one. */
    public Optional<Path> file() {
        return file == null ? Optional.empty() : Optional.of(file.path());
    }

    /** Every key with its effective value: {@code key=value} lines, in the config classes' declaration order. */
    public synchronized String text() {
        StringBuilder out = new StringBuilder();
        for (String name : index.names()) {
            out.append(name).append('=').append(index.fields(name).get(0).currentValue()).append('\n');
        }
        return out.toString();
    }

    /** Times {@link #update} applied something since start. */
    public synchronized long versionCounter() {
        return versionCounter;
    }

    /** When the last update was applied (start time before the first). */
    public synchronized long versionTimestamp() {
        return versionTimestamp;
    }

    /** Changes the given keys, all or nothing (see the class comment). */
    public synchronized ConfigUpdate update(Properties properties) {
        Map<String, String> changes = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Set<String> fixed = new TreeSet<>();
        for (String rawKey : new TreeSet<>(properties.stringPropertyNames())) {
            String key = rawKey.trim();
            String value = properties.getProperty(rawKey).trim();
            Optional<String> name = index.canonical(key);
            if (name.isEmpty()) {
                problems.add(unknownKey(key));
            } else if (fixedKeys.contains(name.get())) {
                fixed.add(name.get());
            } else {
                check(name.get(), value).ifPresent(problems::add);
                changes.put(name.get(), value);
            }
        }
        if (!problems.isEmpty()) {
            return ConfigUpdate.refused(ConfigUpdate.Status.INVALID, "nothing changed: " + String.join("; ", problems));
        }
        if (!fixed.isEmpty()) {
            return ConfigUpdate.refused(ConfigUpdate.Status.FIXED, "nothing changed: " + String.join(", ", fixed)
                    + " cannot change while the server runs; edit the config file and restart");
        }
        return apply(changes);
    }

    private ConfigUpdate apply(Map<String, String> changes) {
        Map<String, String> old = new LinkedHashMap<>();
        changes.keySet().forEach(name -> old.put(name, index.fields(name).get(0).currentValue()));
        try {
            assign(changes);
            crossCheck.run();
        } catch (ConfigException e) {
            assign(old);
            return ConfigUpdate.refused(ConfigUpdate.Status.INVALID, "nothing changed: " + e.getMessage());
        }
        try {
            save(changes);
        } catch (IOException | RuntimeException e) {
            assign(old);
            return ConfigUpdate.refused(ConfigUpdate.Status.NOT_SAVED, "nothing changed: cannot rewrite config file "
                    + file.path() + ": " + e);
        }
        if (!changes.isEmpty()) {
            versionCounter++;
            versionTimestamp = System.currentTimeMillis();
            LOG.info("Config changed at runtime: {}", changes);
        }
        String saved = file == null ? "not saved: the server was started without a config file"
                : "saved to " + file.path();
        return new ConfigUpdate(ConfigUpdate.Status.APPLIED, List.copyOf(changes.keySet()),
                "updated " + changes + "; " + saved);
    }

    private void assign(Map<String, String> values) {
        values.forEach((name, value) -> index.fields(name).forEach(field -> field.assign(value)));
    }

    private Optional<String> check(String name, String value) {
        ConfigField field = index.fields(name).get(0);
        try {
            ValueParser.parse(name, value, field.type(), field.spec());
            return Optional.empty();
        } catch (ConfigException e) {
            return Optional.of(e.getMessage());
        }
    }

    private String unknownKey(String key) {
        return index.nearest(key)
                .map(near -> "unknown config key '" + key + "'; did you mean '" + near + "'?")
                .orElse("unknown config key '" + key + "'");
    }

    private void save(Map<String, String> changes) throws IOException {
        if (file == null || changes.isEmpty()) {
            return;
        }
        byte[] current = file.readOrNull();
        String text = current == null ? "" : new String(current, StandardCharsets.UTF_8);
        file.write(new ConfigFileEdit(index).apply(text, changes).getBytes(StandardCharsets.UTF_8));
    }
}
