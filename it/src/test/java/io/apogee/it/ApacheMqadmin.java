package io.apogee.it;

import org.apache.rocketmq.common.MQVersion;
import org.apache.rocketmq.tools.command.MQAdminStartup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs Apache's {@code mqadmin} ({@link MQAdminStartup}, from the rocketmq-tools jar on the test classpath) the
 * way {@code bin/mqadmin} does, against a given name server. In-process runs go through {@code main0}, the entry
 * that does not call {@code System.exit} (with tools 4.9.8, whose {@code main0} drops the RPC hook, through
 * {@link HookedSubCommand}, which does what that {@code main0} does). A command prints on {@code System.out}, and
 * the stack trace of a failed one goes to {@code System.err}, so both streams are swapped for buffers for the
 * duration of one command. Commands that never return (they loop, such as {@code clusterRT} and
 * {@code startMonitoring}) run in a child JVM with the test classpath instead, writing to a log file.
 *
 * <p>The request codes a command sends are recorded in the {@link RequestCodeLog} under the command's
 * {@link Mqadmin#variant}; child JVMs are not recorded.
 *
 * <p>Not thread-safe, and not safe beside anything else that prints: {@code System.out} is process-wide. One test
 * thread runs one command at a time.
 */
final class ApacheMqadmin implements Mqadmin {

    /** 4.9.8's {@code main0} passes the ACL hook, not the given one, to the command. */
    private static final boolean HOOK_IGNORED_BY_MAIN0 =
            MQVersion.getVersionDesc(MQVersion.CURRENT_VERSION).startsWith("V4_");

    /** The JVM-wide default name server of Apache's clients ({@code MixAll.NAMESRV_ADDR_PROPERTY}). */
    private static final String NAMESRV_PROPERTY = "rocketmq.namesrv.addr";
    private static final Pattern BODY_FILE = Pattern.compile("(?m)^Message Body Path:\\s+(\\S+)\\s*$");
    private static final Pattern RUNNING_INFO_FILE =
            Pattern.compile("(?m)^\\d+\\s+\\S+\\s+\\S+\\s+(\\d{13}/\\S+)\\s*$");

    private final String namesrvAddress;
    private final RequestCodeLog codes;
    private final StringBuilder transcript = new StringBuilder();

    ApacheMqadmin(String namesrvAddress, RequestCodeLog codes) {
        this.namesrvAddress = namesrvAddress;
        this.codes = codes;
    }

    /** Runs {@code mqadmin <command> <arguments> -n <namesrv>} in this JVM and returns what it printed. */
    @Override
    public Output run(String command, String... arguments) {
        List<String> line = commandLine(command, arguments);
        codes.step(Mqadmin.variant(command, arguments));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        String originalNamesrv = System.getProperty(NAMESRV_PROPERTY);
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            if (HOOK_IGNORED_BY_MAIN0) {
                HookedSubCommand.run(line.toArray(String[]::new), codes);
            } else {
                MQAdminStartup.main0(line.toArray(String[]::new), codes);
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot run mqadmin " + command + " as 4.9.8's main0 does", e);
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
            restore(NAMESRV_PROPERTY, originalNamesrv);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        String errors = err.toString(StandardCharsets.UTF_8);
        Output output = new Output(String.join(" ", line), printed, errors, failed(printed, errors));
        transcript.append(output).append("\n\n");
        deleteFilesLeftBehind(output);
        return output;
    }

    /**
     * Removes the files Apache's commands leave behind and name in their output: {@code consumerStatus} saves each
     * client's running info as {@code <millis>/<clientId>} under the working directory (the last column of the
     * client's row), the {@code queryMsg*} commands save each message body they show under
     * {@code /tmp/rocketmq/msgbodys} ({@code Message Body Path:}).
     */
    private static void deleteFilesLeftBehind(Output output) {
        Matcher row = RUNNING_INFO_FILE.matcher(output.out());
        while (row.find()) {
            Path file = Path.of(row.group(1));
            delete(file);
            delete(file.getParent());
        }
        Matcher body = BODY_FILE.matcher(output.out());
        while (body.find()) {
            delete(Path.of(body.group(1)));
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            System.err.println("cannot delete " + file + ": " + e);
        }
    }

    /** Undoes main0's setting of the JVM-wide name-server default, which later clients would otherwise inherit. */
    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }

    /**
     * True if the command printed a stack trace (what {@code main0} does with a failed command) or its usage
     * (what it does when the command line does not parse): Apache's in-process entry has no exit status.
     */
    private static boolean failed(String out, String err) {
        return err.contains("Exception") || err.contains("\tat ") || out.contains("usage: mqadmin");
    }

    @Override
    public String transcript() {
        return transcript.toString();
    }

    @Override
    public Process startChild(Path log, String command, String... arguments) throws IOException {
        List<String> line = new ArrayList<>(List.of(
                "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                "-Drocketmq.client.logRoot=" + log.getParent(), "-Drocketmq.log.root=" + log.getParent(),
                MQAdminStartup.class.getName()));
        line.addAll(commandLine(command, arguments));
        return Mqadmin.startJava(log, line);
    }

    @Override
    public boolean isApache() {
        return true;
    }

    private List<String> commandLine(String command, String... arguments) {
        return Mqadmin.commandLine(namesrvAddress, command, arguments);
    }
}
