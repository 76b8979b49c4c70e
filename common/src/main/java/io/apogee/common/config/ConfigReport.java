package io.apogee.common.config;

import java.util.List;

/**
 * What binding a set of properties did, besides setting fields.
 *
 * @param applied        keys that were bound (canonical names, in the order they were applied)
 * @param warnings       one line per unknown key, naming the key and the nearest known one if any
 * @param notImplemented one line per key that was set but that Apogee accepts without acting on yet
 *
 * <p>Immutable (the lists are copies), so safe to share between threads.
 */
public record ConfigReport(List<String> applied, List<String> warnings, List<String> notImplemented) {

    public ConfigReport {
        applied = List.copyOf(applied);
        warnings = List.copyOf(warnings);
        notImplemented = List.copyOf(notImplemented);
    }

    /** True when nothing deserves the operator's attention. */
    public boolean clean() {
        return warnings.isEmpty() && notImplemented.isEmpty();
    }
}
