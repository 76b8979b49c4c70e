package io.apogee.console.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserFileTest {

    private static final String HASH = "$2a$04$" + "a".repeat(53);

    @TempDir
    Path dir;

    @Test
    void shouldReadUsersWithTheirRolesAndSkipCommentsAndBlankLines() throws Exception {
        Path file = dir.resolve("users.properties");
        Files.writeString(file, "# users\n\nadmin = admin:" + HASH + "\n viewer=READ-ONLY:" + HASH + "\n");

        Map<String, User> users = UserFile.load(file);

        assertThat(users).containsOnlyKeys("admin", "viewer");
        assertThat(users.get("admin").role()).isEqualTo(Role.ADMIN);
        assertThat(users.get("viewer").role()).isEqualTo(Role.READ_ONLY);
    }

    @Test
    void shouldNameTheFileAndLineOfAnUnreadableUser() throws Exception {
        Path file = dir.resolve("users.properties");
        Files.writeString(file, "# users\nadmin = admin:" + HASH + "\nbob = superuser:" + HASH + "\n");

        assertThatThrownBy(() -> UserFile.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file + " line 3").hasMessageContaining("expected 'name = admin:<bcrypt hash>'");
    }

    @Test
    void shouldRefuseAPlainTextPasswordAUserTwiceAndAFileWithoutUsers() throws Exception {
        Path plain = dir.resolve("plain.properties");
        Files.writeString(plain, "admin = admin:secret\n");
        Path twice = dir.resolve("twice.properties");
        Files.writeString(twice, "a = admin:" + HASH + "\na = read-only:" + HASH + "\n");
        Path empty = dir.resolve("empty.properties");
        Files.writeString(empty, "# nobody\n");

        assertThatThrownBy(() -> UserFile.load(plain)).hasMessageContaining("line 1");
        assertThatThrownBy(() -> UserFile.load(twice)).hasMessageContaining("user 'a' appears twice");
        assertThatThrownBy(() -> UserFile.load(empty)).hasMessageContaining("lists no user");
    }

    @Test
    void shouldCreateAnOwnerOnlyFileWhoseRandomAdminPasswordAuthenticates() throws Exception {
        Path file = dir.resolve("sub/users.properties");

        String password = UserFile.createIfAbsent(file).orElseThrow();

        assertThat(UserFile.createIfAbsent(file)).as("an existing file is kept").isEmpty();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        Authenticator authenticator = new Authenticator(UserFile.load(file));
        assertThat(authenticator.authenticate("admin", password)).isPresent();
        assertThat(authenticator.authenticate("admin", password + "!")).isEmpty();
        assertThat(authenticator.authenticate("nobody", password)).isEmpty();
    }

    @Test
    void shouldDrawPasswordsFromAnUnambiguousAlphabet() {
        String password = UserFile.randomPassword(new SecureRandom());

        assertThat(password).hasSize(20).matches("[a-km-zA-HJ-NP-Z2-9]+");
    }
}
