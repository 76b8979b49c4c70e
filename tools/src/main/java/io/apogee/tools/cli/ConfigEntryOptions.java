package io.apogee.tools.cli;

import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The {@code -k KEY -v VALUE} pair of the config update commands (updateBrokerConfig, updateNamesrvConfig), a picocli
 * mixin; both are trimmed.
 *
 * <p>Not thread-safe; filled once by picocli.
 */
public final class ConfigEntryOptions {

    @Option(names = {"-k", "--key"}, required = true, description = "Config key.")
    String key;

    @Option(names = {"-v", "--value"}, required = true, description = "Config value.")
    String value;

    public String key() {
        return key.trim();
    }

    public String value() {
        return value.trim();
    }

    /** The one {@code key=value} entry of the update request. */
    public Map<String, String> asMap() {
        return Map.of(key(), value());
    }
}
