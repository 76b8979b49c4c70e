package io.apogee.common.config;

/**
 * A configuration value that cannot be used: unparsable, out of range, or a config file that cannot be read.
 * The message names the key, the offending value and what would be legal; start-up stops with it.
 *
 * <p>Immutable, so safe to share between threads.
 */
public final class ConfigException extends RuntimeException {

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

    /** The offending key, or null when the problem is not about one key (e.g. an unreadable file). */
    public String key() {
        return key;
    }

    /** The offending value as written, or null when the problem is not about one value. */
    public String value() {
        return value;
    }
}
