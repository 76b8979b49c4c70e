package io.apogee.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code apogee cluster}'s mistakes: one line on stderr naming the option or key, exit code 2, nothing started. */
class ClusterCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = ApogeeMain.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void shouldRefuseTooManyReplicasNamingTheOption() {
        int code = run("cluster", "--groups", "2", "--replicas", "5", "--dir", dir.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("Usage error: --replicas must be between 1 and 4")
                .doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void shouldRefusePortsBeyondTheRange() {
        int code = run("cluster", "--groups", "2", "--replicas", "2", "--base-port", "65000");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--base-port 65000").contains("65535");
    }

    @Test
    void shouldRefuseSettingAKeyTheLayoutDecides() {
        int code = run("cluster", "--groups", "1", "--replicas", "2", "--dir", dir.toString(), "listenPort=1234");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("Config error: 'listenPort' is set by apogee cluster")
                .doesNotContain("\n");
    }

    @Test
    void shouldRefuseABadValueForEveryBroker() {
        int code = run("cluster", "--groups", "1", "--replicas", "1", "--dir", dir.toString(), "flushDiskType=NEVER");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("Config error:").contains("flushDiskType");
    }

    @Test
    void shouldRequireGroupsAndReplicas() {
        int code = run("cluster", "--groups", "2");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--replicas");
    }

    @Test
    void shouldDescribeThePortSchemeInItsHelp() {
        int code = run("cluster", "--help");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("--groups", "--replicas", "--sync", "--base-port", "--dir", "1035");
    }
}
