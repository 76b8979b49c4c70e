package io.apogee.common.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds configuration text onto config objects whose fields carry {@link ConfigKey}.
 *
 * <p>Files use plain Java properties syntax, as RocketMQ's {@code broker.conf}: {@code key=value} lines,
 * {@code #} comments, no variable expansion. Keys are matched exactly by field name or alias; values are
 * trimmed; enums match in any case. The rules:
 * <ul>
 *   <li>an unparsable or out-of-range value: {@link ConfigException} naming key, value and what is legal
 *       (all such problems of one bind are reported together);</li>
 *   <li>an unknown key: a warning naming the nearest known key, when one is close;</li>
 *   <li>a key with {@code implemented = false} that is set: an info line saying it is accepted but not used yet.</li>
 * </ul>
 * Warnings and info lines are logged and returned in a {@link ConfigReport}. {@link #checkRanges} applies the
 * same ranges to values set in code, so a key's range is stated once, in its annotation.
 *
 * <p>Stateless; the config objects it writes must not be in use by other threads while binding.
 */
public final class ConfigBinder {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigBinder.class);

    private ConfigBinder() {
    }

    /** Reads a properties file (UTF-8); a missing or unreadable file is a {@link ConfigException}. */
    public static Properties load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("Config file not found: " + file.toAbsolutePath(), null);
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("Cannot read config file " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        return properties;
    }

    /** Loads a properties file and binds it; error messages name the file. */
    public static ConfigReport bind(Path file, Object... configs) {
        Properties properties = load(file);
        try {
            return bind(properties, configs);
        } catch (ConfigException e) {
            throw new ConfigException(e.key(), e.value(), file + ": " + e.getMessage());
        }
    }

    /** Binds every property onto the config objects that declare its key. */
    public static ConfigReport bind(Properties properties, Object... configs) {
        KeyIndex index = new KeyIndex(configs);
        List<String> applied = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> notImplemented = new ArrayList<>();
        List<ConfigException> errors = new ArrayList<>();
        for (String rawKey : new TreeSet<>(properties.stringPropertyNames())) {
            String key = rawKey.trim();
            String value = properties.getProperty(rawKey).trim();
            String name = index.canonical(key).orElse(null);
            if (name == null) {
                warnings.add(unknownKey(index, key));
                continue;
            }
            if (!name.equals(key) && properties.containsKey(name)) {
                warnings.add("Config key '" + key + "' ignored: it is an old spelling of '" + name
                        + "', which is also set");
                continue;
            }
            try {
                for (ConfigField field : index.fields(name)) {
                    field.assign(value);
                }
                applied.add(name);
                if (!index.fields(name).get(0).spec().implemented()) {
                    notImplemented.add("Config key '" + key + "' = '" + value
                            + "' is accepted but not used by Apogee yet");
                }
            } catch (ConfigException e) {
                errors.add(e);
            }
        }
        throwIfAny(errors);
        warnings.forEach(LOG::warn);
        notImplemented.forEach(LOG::info);
        return new ConfigReport(applied, warnings, notImplemented);
    }

    /**
     * Checks the current value of every key against its {@link ConfigKey#min()}/{@link ConfigKey#max()} (and that
     * no enum key is null), wherever the value came from: a file, the command line, or code that built the config
     * (as tests and embedders do). The annotation is the one statement of a key's range; config classes call
     * this from their own validation instead of repeating it.
     *
     * @throws ConfigException naming key and value, worded as a bad value in a file; all violations together
     */
    public static void checkRanges(Object... configs) {
        List<ConfigException> errors = new ArrayList<>();
        KeyIndex index = new KeyIndex(configs);
        for (String name : index.names()) {
            for (ConfigField field : index.fields(name)) {
                field.violation().ifPresent(errors::add);
            }
        }
        throwIfAny(errors);
    }

    /** Every spelling the binder accepts for the keys of these configs: canonical names and aliases. */
    public static Set<String> keys(Object... configs) {
        KeyIndex index = new KeyIndex(configs);
        Set<String> keys = new TreeSet<>(index.names());
        for (String name : index.names()) {
            keys.addAll(List.of(index.fields(name).get(0).spec().aliases()));
        }
        return keys;
    }

    private static String unknownKey(KeyIndex index, String key) {
        return index.nearest(key)
                .map(near -> "Unknown config key '" + key + "' ignored; did you mean '" + near + "'?")
                .orElse("Unknown config key '" + key + "' ignored");
    }

    private static void throwIfAny(List<ConfigException> errors) {
        if (errors.isEmpty()) {
            return;
        }
        ConfigException first = errors.get(0);
        if (errors.size() == 1) {
            throw first;
        }
        StringBuilder message = new StringBuilder(errors.size() + " invalid config values:");
        for (ConfigException e : errors) {
            message.append(System.lineSeparator()).append("  ").append(e.getMessage());
        }
        throw new ConfigException(first.key(), first.value(), message.toString());
    }

    /**
     * Every key with its effective value, one {@code key=value} line each, grouped under a {@code #} comment
     * naming each config class. The output is itself a valid config file.
     */
    public static String describe(Object... configs) {
        StringBuilder out = new StringBuilder();
        for (Object config : configs) {
            out.append("# ").append(config.getClass().getSimpleName()).append(System.lineSeparator());
            KeyIndex index = new KeyIndex(config);
            for (String name : index.names()) {
                out.append(name).append('=').append(index.fields(name).get(0).currentValue())
                        .append(System.lineSeparator());
            }
        }
        return out.toString();
    }
}
