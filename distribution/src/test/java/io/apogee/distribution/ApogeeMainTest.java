package io.apogee.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ApogeeMainTest {

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

    private String brokerConf(String text) throws IOException {
        Path file = dir.resolve("broker.conf");
        Files.writeString(file, text);
        return file.toString();
    }

    @Test
    void shouldPrintEffectiveBrokerConfigFromFileAndNamesrvOption() throws IOException {
        String conf = brokerConf("listenPort=12345\nflushDiskType=sync_flush\nbrokerName=broker-x\n");

        int code = run("broker", "-n", "10.0.0.1:9876;10.0.0.2:9876", "-c", conf, "-p");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("# BrokerConfig", "# MessageStoreConfig", "listenPort=12345",
                "flushDiskType=SYNC_FLUSH", "brokerName=broker-x", "namesrvAddr=10.0.0.1:9876;10.0.0.2:9876",
                "storePathRootDir=");
    }

    @Test
    void shouldApplyKeyValueArgumentsOverTheFile() throws IOException {
        String conf = brokerConf("autoCreateTopicEnable=true\n");

        int code = run("broker", "-c", conf, "-p", "autoCreateTopicEnable=false");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("autoCreateTopicEnable=false");
    }

    @Test
    void shouldPrintTheConsolesConfigWithTheNameServersOfDashN() {
        int code = run("console", "-n", "10.0.0.1:9876;10.0.0.2:9876", "-p", "consolePort=18080");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("# ConsoleConfig", "consolePort=18080",
                "consoleNamesrvAddr=10.0.0.1:9876;10.0.0.2:9876", "consoleBindAddress=127.0.0.1");
    }

    @Test
    void shouldPrintAUsersLineWithABcryptHashOfThePasswordOnStdin() {
        InputStream stdin = System.in;
        System.setIn(new ByteArrayInputStream("correct horse battery\n".getBytes(StandardCharsets.UTF_8)));
        try {
            int code = run("console-user", "--user", "viewer", "--role", "read-only");

            assertThat(code).isZero();
            assertThat(out.toString().trim()).matches("viewer = read-only:\\$2a\\$11\\$[./A-Za-z0-9]{53}");
        } finally {
            System.setIn(stdin);
        }
    }

    @Test
    void shouldRefuseAShortConsolePasswordAndAnUnknownRole() {
        InputStream stdin = System.in;
        System.setIn(new ByteArrayInputStream("short\n".getBytes(StandardCharsets.UTF_8)));
        try {
            assertThat(run("console-user", "--user", "viewer")).isEqualTo(2);
            assertThat(run("console-user", "--user", "viewer", "--role", "root")).isEqualTo(2);
            assertThat(err.toString()).contains("at least 8 characters", "--role must be admin or read-only");
        } finally {
            System.setIn(stdin);
        }
    }

    @Test
    void shouldPrintNamesrvDefaults() {
        int code = run("namesrv", "-p");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("# NamesrvConfig", "listenPort=9876", "bindAddress=0.0.0.0");
    }

    @Test
    void shouldPointStandaloneBrokerAtEmbeddedNameServer() {
        int code = run("standalone", "--namesrv-port", "19876", "-p");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("# NamesrvConfig", "listenPort=19876", "listenPort=10911",
                "namesrvAddr=127.0.0.1:19876");
    }

    @Test
    void shouldExitWithCode2NamingKeyAndValueOfBadConfig() throws IOException {
        String conf = brokerConf("flushDiskType=FAST_FLUSH\n");

        int code = run("broker", "-c", conf);

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("flushDiskType", "FAST_FLUSH", "SYNC_FLUSH")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void shouldExitWithCode2ForOutOfRangePort() {
        int code = run("namesrv", "listenPort=70000");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("listenPort", "70000", "between 0 and 65535");
    }

    @Test
    void shouldExitWithCode2ForValueTheStoreRejects() throws IOException {
        String conf = brokerConf("deleteWhen=noon\n");

        int code = run("broker", "-c", conf, "-p");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("deleteWhen", "noon");
    }

    @Test
    void shouldDescribeEveryBrokerAndStoreKeyInsteadOfPrintingValues() {
        int code = run("broker", "-p", "--describe");

        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("## Broker keys (broker.conf)")
                .contains("### BrokerConfig", "### MessageStoreConfig",
                        "| `serverWorkerThreads` | int | `8` | between 1 and 256 |",
                        "| `flushDiskType` | enum: ASYNC_FLUSH, SYNC_FLUSH | `ASYNC_FLUSH` |",
                        "| `storePathRootDir` | string | `~/apogee/store` |")
                .doesNotContain("listenPort=10911", "### NamesrvConfig");
    }

    @Test
    void shouldDescribeNamesrvKeys() {
        int code = run("namesrv", "-p", "--describe");

        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("## Name server keys (namesrv.conf)")
                .contains("| `serverMaxFrameLength` | int | `16777216` | at least 65536 |")
                .doesNotContain("### BrokerConfig");
    }

    @Test
    void shouldDescribeBrokerThenEmbeddedNameServerKeysInStandalone() {
        int code = run("standalone", "-p", "--describe");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("### BrokerConfig", "### MessageStoreConfig", "### NamesrvConfig");
    }

    @Test
    void shouldPrintTheWholeReferenceWithItsRegenerationCommand() {
        int code = run("config-reference");

        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("# Configuration reference\n")
                .contains("bin/apogee config-reference > docs/CONFIG.md", "## Name server keys (namesrv.conf)",
                        "## Broker keys (broker.conf)")
                .endsWith("|\n");
    }

    @Test
    void shouldExitWithCode2WhenTheFrameLimitCannotHoldTheLargestMessage() {
        int code = run("broker", "-p", "maxMessageSize=16777216");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("serverMaxFrameLength=16777216", "maxMessageSize");
    }

    @Test
    void shouldExitWithCode2ForDelayLevelsThatDoNotParse() {
        int code = run("broker", "-p", "messageDelayLevel=1s 5x");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("messageDelayLevel", "5x");
    }

    @Test
    void shouldExitWithCode2ForASlaveWithTheMastersBrokerId() {
        int code = run("broker", "-p", "brokerRole=SLAVE");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("brokerId=0", "brokerRole=SLAVE", "1 or more");
    }

    @Test
    void shouldExitWithCode2ForAMasterWithASlaveBrokerId() throws IOException {
        String conf = brokerConf("brokerRole=SYNC_MASTER\nbrokerId=2\n");

        int code = run("broker", "-c", conf, "-p");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("brokerId=2", "brokerRole=SYNC_MASTER", "masters are brokerId 0");
    }

    @Test
    void shouldAcceptASlaveWithItsOwnBrokerId() {
        int code = run("broker", "-p", "brokerRole=SLAVE", "brokerId=2");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("brokerId=2", "brokerRole=SLAVE");
    }

    @Test
    void shouldExitWithCode2ForAStandaloneSlave() {
        int code = run("standalone", "--namesrv-port", "19876", "-p", "brokerRole=SLAVE", "brokerId=1");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("brokerRole=SLAVE", "standalone", "ASYNC_MASTER");
    }

    @Test
    void shouldExitWithCode2ForAStandaloneBrokerIdOtherThanZero() {
        int code = run("standalone", "--namesrv-port", "19876", "-p", "brokerId=1");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("brokerId=1", "masters are brokerId 0");
    }

    @Test
    void shouldExitWithCode2ForMissingConfigFile() {
        int code = run("broker", "-c", dir.resolve("absent.conf").toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("absent.conf");
    }

    @Test
    void shouldExitWithCode2ForArgumentThatIsNotKeyValue() {
        int code = run("broker", "-p", "autoCreateTopicEnable");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("'autoCreateTopicEnable'", "key=value");
    }

    @Test
    void shouldExitWithCode1NamingTheCauseWhenServerCannotStart() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            int code = run("namesrv", "listenPort=" + taken.getLocalPort());

            assertThat(code).isEqualTo(1);
            assertThat(err.toString()).startsWith("Start failed: ");
            assertThat(out.toString()).doesNotContain("boot success");
        }
    }

    @Test
    void shouldFailWithoutSubcommand() {
        int code = run();

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("standalone");
    }
}
