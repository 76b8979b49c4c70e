package io.apogee.common.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field of a config class as a configuration key. The key is the field name (RocketMQ's
 * spelling, e.g. {@code flushDiskType}); the field's initial value is the default.
 *
 * <p>Supported field types: {@code String}, {@code int}, {@code long}, {@code boolean}, {@code double}
 * and enums (matched case-insensitively).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface ConfigKey {

    /** One sentence: what the key controls, with its unit. */
    String doc();

    /** Smallest legal value for numeric keys. */
    long min() default Long.MIN_VALUE;

    /** Largest legal value for numeric keys. */
    long max() default Long.MAX_VALUE;

    /**
     * False for a RocketMQ key that Apogee accepts but does not act on yet; start-up reports such keys
     * when they are set.
     */
    boolean implemented() default true;

    /** Other spellings accepted for this key, e.g. RocketMQ's old {@code mapedFileSizeCommitLog}. */
    String[] aliases() default {};
}
