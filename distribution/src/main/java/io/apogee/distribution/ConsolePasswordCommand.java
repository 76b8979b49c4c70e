package io.apogee.distribution;

import io.apogee.console.auth.Role;
import io.apogee.console.auth.UserFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code apogee console-user --user NAME [--role admin|read-only]}: reads a password (from the terminal without
 * echo, else the first line of stdin) and prints the line for the console's users.properties, with a bcrypt hash
 * of the password: {@code NAME = role:$2a$11$...}.
 *
 * <p>Not thread-safe; used once on the main thread.
 */
@Command(name = "console-user", mixinStandardHelpOptions = true,
        description = "Print a users.properties line for the console, with a bcrypt hash of a password read from "
                + "the terminal or stdin.")
final class ConsolePasswordCommand implements Callable<Integer> {

    private static final int MIN_LENGTH = 8;

    @Spec
    CommandSpec spec;

    @Option(names = "--user", required = true, paramLabel = "NAME", description = "The user's name.")
    String user;

    @Option(names = "--role", defaultValue = "admin", paramLabel = "ROLE",
            description = "admin (reads and changes) or read-only (default: ${DEFAULT-VALUE}).")
    String role;

    @Override
    public Integer call() throws IOException {
        Role parsed = Role.parse(role).orElse(null);
        if (parsed == null || user.isBlank() || user.contains("=") || user.contains(":")) {
            spec.commandLine().getErr().println("console-user: --role must be admin or read-only and --user a name "
                    + "without '=' or ':'");
            return LaunchCommand.CONFIG_ERROR;
        }
        char[] password = readPassword();
        if (password == null || password.length < MIN_LENGTH) {
            spec.commandLine().getErr().println("console-user: the password needs at least " + MIN_LENGTH
                    + " characters");
            return LaunchCommand.CONFIG_ERROR;
        }
        spec.commandLine().getOut().println(user.trim() + " = " + parsed.text() + ":" + UserFile.hash(password));
        return 0;
    }

    private static char[] readPassword() throws IOException {
        if (System.console() != null) {
            return System.console().readPassword("Password for the console user: ");
        }
        String line = new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset())).readLine();
        return line == null ? null : line.toCharArray();
    }
}
