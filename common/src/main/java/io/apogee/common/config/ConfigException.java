package io.apogee.common.config;

/**
 * A configuration value that cannot be used: unparsable, out of range, of the wrong format, or a config file that
 * cannot be read. The message names the key, the offending value and what would be legal; start-up stops with it.
 * It is an {@link IllegalArgumentException}, so code that validates a config object it was handed (as
 * {@code MessageStoreConfig.validate()} does) throws the same exception a config file would.
 *
 * <p>Immutable, so safe to share between threads.
 */
public final class ConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String key;
    private final String value;

    public ConfigException(String key, String value, String message) {
        super(message);
        this.key = key;
        this.value = value;
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
        this.key = null;
        this.value = null;
    }

    /**
     * The one wording of a bad value, whether it came from a file, the command line or code:
     * {@code Invalid config value listenPort=70000: must be between 0 and 65535}.
     *
     * @param rule what would be legal, e.g. "must be at least 1"
     */
    public static ConfigException invalidValue(String key, String value, String rule) {
        return new ConfigException(key, value, "Invalid config value " + key + "=" + value + ": " + rule);
    }

    /** The offending key, or null when the problem is not about one key (e.g. an unreadable file). */
    public String key() {
        return key;
    }

    /** The offending value as written, or null when the problem is not about one value. */
    public String value() {
        return value;
    }
}
