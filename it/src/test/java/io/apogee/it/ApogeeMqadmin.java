package io.apogee.it;

import io.apogee.tools.MqAdmin;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * Runs Apogee's own {@code mqadmin} ({@link MqAdmin}, module tools) the way {@code bin/mqadmin} does, against a
 * given name server: in this JVM through the picocli command line {@code bin/mqadmin} executes, with its output
 * and error writers captured, so nothing process-wide is swapped. A command failed when its exit status is not 0.
 * Commands that never return run in a child JVM with the test classpath, writing to a log file.
 *
 * <p>Not thread-safe (the transcript); one test thread runs one command at a time.
 */
final class ApogeeMqadmin implements Mqadmin {

    private final String namesrvAddress;
    private final StringBuilder transcript = new StringBuilder();

    ApogeeMqadmin(String namesrvAddress) {
        this.namesrvAddress = namesrvAddress;
    }

    @Override
    public Output run(String command, String... arguments) {
        List<String> line = Mqadmin.commandLine(namesrvAddress, command, arguments);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine mqadmin = MqAdmin.commandLine();
        mqadmin.setOut(new PrintWriter(out, true));
        mqadmin.setErr(new PrintWriter(err, true));
        int exit = mqadmin.execute(line.toArray(String[]::new));
        Output output = new Output(String.join(" ", line), out.toString(), err.toString(), exit != 0);
        transcript.append(output).append("\nexit status ").append(exit).append("\n\n");
        return output;
    }

    @Override
    public Process startChild(Path log, String command, String... arguments) throws IOException {
        List<String> line = new ArrayList<>(List.of("-Xmx128m", "-cp", System.getProperty("java.class.path"),
                MqAdmin.class.getName()));
        line.addAll(Mqadmin.commandLine(namesrvAddress, command, arguments));
        return Mqadmin.startJava(log, line);
    }

    @Override
    public String transcript() {
        return transcript.toString();
    }

    @Override
    public boolean isApache() {
        return false;
    }
}
