package io.apogee.distribution;

import io.apogee.common.config.ConfigBinder;
import io.apogee.common.config.ConfigException;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * Applies the configuration of one command line to config objects: first the {@code -c} file (if any), then
 * {@code key=value} arguments, which win over the file.
 *
 * <p>Stateless.
 */
final class ConfigSources {

    private ConfigSources() {
    }

    static void bind(Path file, List<String> overrides, Object... configs) {
        if (file != null) {
            ConfigBinder.bind(file, configs);
        }
        if (overrides != null && !overrides.isEmpty()) {
            ConfigBinder.bind(parseOverrides(overrides), configs);
        }
    }

    /** "key=value" arguments as properties; an argument without '=' is a {@link ConfigException}. */
    static Properties parseOverrides(List<String> overrides) {
        Properties properties = new Properties();
        for (String argument : overrides) {
            int eq = argument.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException(argument, null,
                        "Unexpected argument '" + argument + "': settings on the command line are written key=value");
            }
            properties.setProperty(argument.substring(0, eq).trim(), argument.substring(eq + 1).trim());
        }
        return properties;
    }

    /** Sets one key through the binder, so the same validation applies as in a file. */
    static void set(String key, String value, Object... configs) {
        Properties properties = new Properties();
        properties.setProperty(key, value);
        ConfigBinder.bind(properties, configs);
    }
}
