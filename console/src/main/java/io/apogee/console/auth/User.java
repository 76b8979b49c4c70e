package io.apogee.console.auth;

/**
 * A console user: name, role and bcrypt hash ({@code $2a$}/{@code $2b$}/{@code $2y$}, from users.properties).
 * Immutable.
 */
public record User(String name, Role role, String passwordHash) {
}
