package io.apogee.it;

import io.apogee.it.CoverageRatchet.Check;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the mqadmin checks act on: the runner, the scene, the server and a scratch directory, plus the ways the
 * checks read command output (whitespace-separated table rows). Immutable, but see {@link Mqadmin} for threads.
 *
 * @param mqadmin  runs the commands under test against the server's name server, recording their request codes
 * @param observer runs the commands that only look at the outcome of another one, unrecorded
 * @param scene    the topic, groups and messages of the acceptance scene
 * @param server   the Apogee server under test
 * @param workDir  a directory for child-process logs
 */
record MqadminStage(Mqadmin mqadmin, Mqadmin observer, AdminScene scene, SharedServer server, Path workDir) {

    static final String CLUSTER = "DefaultCluster";
    static final String BROKER = ApogeeServer.BROKER_NAME;

    /** Every check of the seed's command table, in the order they run (some use what earlier ones made). */
    List<Check> seedChecks() {
        List<Check> checks = new ArrayList<>();
        checks.addAll(new MqadminTopicChecks(this).checks());
        checks.addAll(new MqadminBrokerChecks(this).checks());
        checks.addAll(new MqadminMessageChecks(this).checks());
        checks.addAll(new MqadminNamesrvChecks(this).checks());
        checks.addAll(new MqadminGroupChecks(this).checks());
        return checks;
    }

    /** Runs a command and asserts that it did not fail (no stack trace printed). */
    Mqadmin.Output ok(String command, String... arguments) {
        Mqadmin.Output output = mqadmin.run(command, arguments);
        assertThat(output.failed()).as("%s", output).isFalse();
        return output;
    }

    /** Runs a command that looks at the outcome of the command under test; asserts that it did not fail. */
    Mqadmin.Output look(String command, String... arguments) {
        Mqadmin.Output output = observer.run(command, arguments);
        assertThat(output.failed()).as("%s", output).isFalse();
        return output;
    }

    /** The broker's "ip:port" as registered. */
    String brokerAddr() {
        return server.broker().address();
    }

    /** Rows of {@code output} whose first column is {@code first}, split on whitespace. */
    static List<List<String>> rows(Mqadmin.Output output, String first) {
        return output.out().lines().map(String::strip).map(line -> Arrays.asList(line.split("\\s+")))
                .filter(columns -> columns.get(0).equals(first)).toList();
    }

    /** Rows of {@code output} with {@code value} in column {@code column}. */
    static List<List<String>> rowsWith(Mqadmin.Output output, int column, String value) {
        return output.out().lines().map(String::strip).map(line -> Arrays.asList(line.split("\\s+")))
                .filter(columns -> columns.size() > column && columns.get(column).equals(value)).toList();
    }

    /** Sum of column {@code column} (a long) over {@code rows}. */
    static long sum(List<List<String>> rows, int column) {
        return rows.stream().mapToLong(row -> Long.parseLong(row.get(column))).sum();
    }
}
