package io.apogee.common.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field of a config class as a configuration key. The key is the field name (RocketMQ's
 * spelling, e.g. {@code flushDiskType}); the field's initial value is the default.
 *
 * <p>The annotation is the one statement of what the key means and which values are legal:
 * {@link ConfigBinder} checks {@link #min()}/{@link #max()} when it binds a value and, through
 * {@link ConfigBinder#checkRanges}, on values set in code; {@link ConfigReference} renders the reference
 * ({@code docs/CONFIG.md}, {@code -p --describe}) from it. Rules that span keys or describe a text format stay in
 * the config class's own validation.
 *
 * <p>Supported field types: {@code String}, {@code int}, {@code long}, {@code boolean}, {@code double}
 * and enums (matched case-insensitively).
 *
 * <p>Immutable, like every annotation.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface ConfigKey {

    /** What the key controls, with its unit; shown in the reference. */
    String doc();

    /** Smallest legal value of a numeric key (a {@code double} key compares against it as a number). */
    long min() default Long.MIN_VALUE;

    /** Largest legal value of a numeric key. */
    long max() default Long.MAX_VALUE;

    /**
     * False for a RocketMQ key that Apogee accepts but does not act on yet; start-up reports such keys
     * when they are set.
     */
    boolean implemented() default true;

    /** Other spellings accepted for this key, e.g. RocketMQ's old {@code mapedFileSizeCommitLog}. */
    String[] aliases() default {};
}
