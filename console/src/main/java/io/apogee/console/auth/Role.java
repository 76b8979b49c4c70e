package io.apogee.console.auth;

import java.util.Locale;
import java.util.Optional;

/**
 * What a console user may do: {@link #ADMIN} reads and changes, {@link #READ_ONLY} only reads (every change is
 * refused with 403, before it reaches a cluster).
 */
public enum Role {
    ADMIN("admin"),
    READ_ONLY("read-only");

    private final String text;

    Role(String text) {
        this.text = text;
    }

    /** The spelling in users.properties and on pages. */
    public String text() {
        return text;
    }

    public boolean mayChange() {
        return this == ADMIN;
    }

    /** The role spelled {@code text} (case-insensitive), or empty. */
    public static Optional<Role> parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        for (Role role : values()) {
            if (role.text.equals(wanted)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
