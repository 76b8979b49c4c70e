package io.apogee.distribution.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.common.config.ConfigBinder;
import io.apogee.distribution.ApogeeMain;
import io.apogee.namesrv.NamesrvConfig;
import io.apogee.store.MessageStoreConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The configuration documents agree with the code: {@code docs/CONFIG.md} is exactly what
 * {@code apogee config-reference} prints, and the sample files {@code conf/broker.conf} and
 * {@code conf/namesrv.conf} set, suggest (commented-out {@code #key=value} lines) and mention only keys the code
 * knows, with values the launcher accepts.
 */
class ConfigReferenceTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final String REGENERATE = "bin/apogee config-reference > docs/CONFIG.md";
    /** A setting, active or commented out: {@code key=value} or {@code #key=value}. */
    private static final Pattern SETTING = Pattern.compile("^#?\\s*([A-Za-z][A-Za-z0-9]*)\\s*=\\s*(.*)$");
    /** A camelCase word in a comment: the way the files mention a key in prose. */
    private static final Pattern KEY_MENTION = Pattern.compile("\\b[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*\\b");

    @Test
    void configReferenceShouldBeWhatTheCodeGenerates() throws IOException {
        Path doc = ROOT.resolve("docs/CONFIG.md");
        String expected = run("config-reference").out();

        assertThat(doc).as("docs/CONFIG.md is missing; generate it: " + REGENERATE).exists();
        String actual = Files.readString(doc, StandardCharsets.UTF_8);
        if (!actual.equals(expected)) {
            fail("docs/CONFIG.md differs from the @ConfigKey annotations (" + firstDifference(expected, actual)
                    + "); regenerate it: " + REGENERATE);
        }
    }

    @Test
    void brokerConfShouldOnlyNameKnownKeys() throws IOException {
        assertOnlyKnownKeys(ROOT.resolve("conf/broker.conf"),
                ConfigBinder.keys(new BrokerConfig(), new MessageStoreConfig()));
    }

    @Test
    void namesrvConfShouldOnlyNameKnownKeys() throws IOException {
        assertOnlyKnownKeys(ROOT.resolve("conf/namesrv.conf"), ConfigBinder.keys(new NamesrvConfig()));
    }

    @Test
    void brokerConfShouldLoadAndEveryValueItSuggestsBeAccepted() throws IOException {
        assertAccepted("broker", ROOT.resolve("conf/broker.conf"));
    }

    @Test
    void namesrvConfShouldLoadAndEveryValueItSuggestsBeAccepted() throws IOException {
        assertAccepted("namesrv", ROOT.resolve("conf/namesrv.conf"));
    }

    private static void assertOnlyKnownKeys(Path file, Set<String> known) throws IOException {
        List<String> unknown = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            Matcher setting = SETTING.matcher(line);
            if (setting.matches()) {
                if (!known.contains(setting.group(1))) {
                    unknown.add(where(file, i) + ": sets unknown key '" + setting.group(1) + "'");
                }
            } else if (line.startsWith("#")) {
                Matcher mention = KEY_MENTION.matcher(line);
                while (mention.find()) {
                    if (!known.contains(mention.group())) {
                        unknown.add(where(file, i) + ": mentions unknown key '" + mention.group() + "'");
                    }
                }
            }
        }
        assertThat(unknown).as("keys the code does not know (see docs/CONFIG.md)").isEmpty();
    }

    /** The file as a whole, then each of its settings alone (commented-out ones too), through the launcher. */
    private static void assertAccepted(String command, Path file) throws IOException {
        List<String> rejected = new ArrayList<>();
        Result whole = run(command, "-c", file.toString(), "-p");
        if (whole.code() != 0) {
            rejected.add(file + ": " + whole.err().strip());
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            Matcher setting = SETTING.matcher(lines.get(i).strip());
            if (setting.matches()) {
                String keyValue = setting.group(1) + "=" + setting.group(2).strip();
                Result alone = run(command, "-p", keyValue);
                if (alone.code() != 0) {
                    rejected.add(where(file, i) + ": " + alone.err().strip());
                }
            }
        }
        assertThat(rejected).as("values the launcher rejects").isEmpty();
    }

    private static String firstDifference(String expected, String actual) {
        List<String> want = expected.lines().toList();
        List<String> have = actual.lines().toList();
        for (int i = 0; i < Math.max(want.size(), have.size()); i++) {
            String line = i < want.size() ? want.get(i) : "<end of text>";
            String found = i < have.size() ? have.get(i) : "<end of file>";
            if (!line.equals(found)) {
                return "line " + (i + 1) + ": the code generates '" + line + "', the file has '" + found + "'";
            }
        }
        return "line endings differ";
    }

    private static String where(Path file, int index) {
        return ROOT.relativize(file) + ":" + (index + 1);
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = ApogeeMain.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** What one launcher run printed. */
    private record Result(int code, String out, String err) {
    }
}
