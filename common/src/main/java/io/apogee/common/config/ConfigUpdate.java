package io.apogee.common.config;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a runtime configuration change ({@link RuntimeConfig#update}) did.
 *
 * @param status  the outcome
 * @param keys    the canonical keys changed (empty unless {@link Status#APPLIED})
 * @param message one line for the operator: what changed and where it was saved, or every problem found, each
 *                naming its key (and the nearest known key for an unknown one)
 *
 * <p>Immutable, so safe to share between threads.
 */
public record ConfigUpdate(Status status, List<String> keys, String message) {

    /** The outcomes of an update; only {@link #APPLIED} changed anything. */
    public enum Status {
        /** Every key was valid, is set in memory and, when the server has a config file, saved there. */
        APPLIED,
        /** An unknown key or an illegal value (also across keys); nothing was changed. */
        INVALID,
        /** A key that cannot change while the server runs (a port, a path, the identity); nothing changed. */
        FIXED,
        /** The config file could not be rewritten; nothing was changed. */
        NOT_SAVED
    }

    public ConfigUpdate {
        keys = List.copyOf(keys);
    }

    /**
     * The tail of the operator's remark for an applied update that changed keys the server reads only at start:
     * {@code "; read only at start, so effective after a restart: k1, k2"} (sorted), or empty when none did.
     */
    public String restartNote(Set<String> readAtStart) {
        Set<String> later = new TreeSet<>(keys);
        later.retainAll(readAtStart);
        return later.isEmpty() ? "" : "; read only at start, so effective after a restart: " + String.join(", ", later);
    }

    static ConfigUpdate refused(Status status, String message) {
        return new ConfigUpdate(status, List.of(), message);
    }
}
