package io.apogee.console.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a name and password against the users of users.properties. An unknown name costs the same bcrypt check as
 * a known one, so the time of a failed login does not tell whether the name exists.
 *
 * <p>Immutable after construction; safe for the console's request threads.
 */
public final class Authenticator {

    private static final String UNKNOWN_USER_HASH = UserFile.hash("no such user".toCharArray());

    private final Map<String, User> users;

    public Authenticator(Map<String, User> users) {
        this.users = Map.copyOf(users);
    }

    /** The user, if {@code password} is theirs. */
    public Optional<User> authenticate(String name, String password) {
        User user = users.get(name == null ? "" : name.trim());
        String hash = user == null ? UNKNOWN_USER_HASH : user.passwordHash();
        boolean verified = BCrypt.verifyer().verify((password == null ? "" : password).toCharArray(), hash).verified;
        return verified && user != null ? Optional.of(user) : Optional.empty();
    }
}
