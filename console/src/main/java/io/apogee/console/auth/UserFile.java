package io.apogee.console.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The console's users file, {@code users.properties}: one user per line, {@code name = role:hash}, where role is
 * {@code admin} or {@code read-only} and hash a bcrypt hash (make one with {@code apogee console --hash-password}).
 * Lines starting with {@code #} and blank lines are ignored. Example:
 * <pre>
 * admin = admin:$2a$11$KbQi...
 * viewer = read-only:$2a$11$9Hd0...
 * </pre>
 * A line that does not parse stops the console's start with a message naming file, line and what is wrong.
 *
 * <p>Stateless; {@link #createWithRandomAdmin} writes the file with owner-only permissions, once.
 */
public final class UserFile {

    /** bcrypt cost of generated hashes: 2^11 rounds, about 0.1 s per check on one core. */
    public static final int COST = 11;
    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int PASSWORD_LENGTH = 20;

    private UserFile() {
    }

    /** The users of {@code file}, by name; an {@link IllegalArgumentException} names a bad line. */
    public static Map<String, User> load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the console's users file " + file, e);
        }
        Map<String, User> users = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int lineNumber = i + 1;
            User user = parse(line).orElseThrow(() -> new IllegalArgumentException(file + " line " + lineNumber
                    + ": expected 'name = admin:<bcrypt hash>' or 'name = read-only:<bcrypt hash>', got '"
                    + redact(line) + "'"));
            if (users.putIfAbsent(user.name(), user) != null) {
                throw new IllegalArgumentException(file + ": user '" + user.name() + "' appears twice");
            }
        }
        if (users.isEmpty()) {
            throw new IllegalArgumentException(file + " lists no user: nobody could log in");
        }
        return users;
    }

    static Optional<User> parse(String line) {
        int eq = line.indexOf('=');
        int colon = line.indexOf(':', eq + 1);
        if (eq <= 0 || colon < 0) {
            return Optional.empty();
        }
        String name = line.substring(0, eq).trim();
        String hash = line.substring(colon + 1).trim();
        Optional<Role> role = Role.parse(line.substring(eq + 1, colon));
        if (name.isEmpty() || role.isEmpty() || !hash.matches("\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}")) {
            return Optional.empty();
        }
        return Optional.of(new User(name, role.get(), hash));
    }

    /**
     * Creates {@code file} (owner read/write only) with one user, {@code admin}, and a random 20-character
     * password; returns the password, which is stored only as its hash.
     */
    public static String createWithRandomAdmin(Path file) throws IOException {
        String password = randomPassword(new SecureRandom());
        String text = "# Users of the Apogee console: name = admin|read-only:<bcrypt hash>\n"
                + "# Hash a password with: apogee console --hash-password\n"
                + "admin = admin:" + hash(password.toCharArray()) + "\n";
        Files.createDirectories(file.toAbsolutePath().getParent());
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        return password;
    }

    /** Creates the file unless it exists; the generated password, or empty when the file was there. */
    public static Optional<String> createIfAbsent(Path file) throws IOException {
        try {
            return Files.exists(file) ? Optional.empty() : Optional.of(createWithRandomAdmin(file));
        } catch (FileAlreadyExistsException raced) {
            return Optional.empty();
        }
    }

    /** A bcrypt hash of {@code password} at {@link #COST}. */
    public static String hash(char[] password) {
        return BCrypt.withDefaults().hashToString(COST, password);
    }

    static String randomPassword(SecureRandom random) {
        StringBuilder password = new StringBuilder(PASSWORD_LENGTH);
        for (int i = 0; i < PASSWORD_LENGTH; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    private static String redact(String line) {
        return line.length() > 40 ? line.substring(0, 40) + "..." : line;
    }
}
