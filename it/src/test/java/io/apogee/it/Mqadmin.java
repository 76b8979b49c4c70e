package io.apogee.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An {@code mqadmin} under test, run the way {@code bin/mqadmin} runs it against a given name server: Apache's
 * ({@link ApacheMqadmin}) or Apogee's ({@link ApogeeMqadmin}). The seed's command checks (the Mqadmin*Checks
 * classes) run against either, so both tools are held to the same commands, options and output.
 *
 * <p>Implementations are not thread-safe: one test thread runs one command at a time.
 */
interface Mqadmin {

    /**
     * What one command printed.
     *
     * @param failed whether the command failed: a non-zero exit status, or for Apache's in-process entry, which
     *               has none, a stack trace or usage message
     */
    record Output(String command, String out, String err, boolean failed) {

        @Override
        public String toString() {
            return "mqadmin " + command + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
        }
    }

    /** Runs {@code mqadmin <command> <arguments> -n <namesrv>} in this JVM and returns what it printed. */
    Output run(String command, String... arguments);

    /**
     * Starts {@code mqadmin <command> <arguments> -n <namesrv>} in a child JVM printing to {@code log}, for the
     * commands that never return ({@code clusterRT}, {@code startMonitoring}).
     */
    Process startChild(Path log, String command, String... arguments) throws IOException;

    /** Every in-process command run so far with what it printed, for the test report. */
    String transcript();

    /** True for Apache's tool, whose command list differs from Apogee's in {@code getConsumerStatus}. */
    boolean isApache();

    /** The command and the options it was given, without their values: {@code "updateTopic -c -r -t -w"}. */
    static String variant(String command, String... arguments) {
        StringBuilder label = new StringBuilder(command);
        Arrays.stream(arguments).filter(a -> a.startsWith("-")).sorted().forEach(a -> label.append(' ').append(a));
        return label.toString();
    }

    /** Starts {@code java <arguments>} (JVM options, class, program arguments) with its output going to {@code log}. */
    static Process startJava(Path log, List<String> arguments) throws IOException {
        Path argumentFile = log.resolveSibling(log.getFileName() + ".args");
        Files.write(argumentFile, arguments.stream()
                .map(a -> '"' + a.replace("\\", "\\\\").replace("\"", "\\\"") + '"').toList());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "@" + argumentFile).redirectErrorStream(true).redirectOutput(log.toFile())
                .start();
    }

    /** {@code command arguments -n namesrv}. */
    static List<String> commandLine(String namesrvAddress, String command, String... arguments) {
        List<String> line = new ArrayList<>();
        line.add(command);
        line.addAll(List.of(arguments));
        line.add("-n");
        line.add(namesrvAddress);
        return line;
    }
}
