package io.apogee.it;

import org.apache.rocketmq.common.MQVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Acceptance: every command of the seed's mqadmin table, run with Apache's own {@code mqadmin} 5.4.0
 * ({@code MQAdminStartup} from rocketmq-tools 5.4.0, in this JVM) against Apogee, with its output checked against
 * the scene's real values ({@link AdminScene}: a topic of 8 queues, 100 keyed messages, a live push consumer group
 * that consumed them, a live producer). Runs where tools 5.4.0 is on the classpath (it/client5); under 4.9.8 it
 * is skipped.
 *
 * <p>Commands that do not work against Apogee yet are listed in {@link #NOT_YET}: for those the test asserts that
 * they still fail, so whoever makes one work is told to move it out of the list. The request codes each command
 * sent and the answers it got are written to {@code target/admin-coverage/mqadmin-<version>.md}, what each
 * command printed to {@code ...md.transcript.txt}, and the failures in full to {@code ...md.failures.txt}.
 *
 * <p>Run: {@code mvn -B -o -pl it/client5 test -Dtest=ApacheMqadminIT}
 */
@Isolated("swaps System.out and System.err while a command runs")
class ApacheMqadminIT {

    /**
     * Checks (by their names in the Mqadmin*Checks classes) that fail against today's tree, each with a comment
     * naming the request codes that hold it back (docs/protocol/06-admin.md#admin-coverage). Each listed check
     * must still fail; remove its name when it passes. Empty since every seed command works: when one breaks,
     * fix it, or list it here with the reason.
     */
    static final Set<String> NOT_YET = Set.of(
            // e.g. "queryMsgByKey", // QUERY_MESSAGE 12 answered 3 REQUEST_CODE_NOT_SUPPORTED
    );

    @RegisterExtension
    static final SharedServer server = new SharedServer();

    private static final RequestCodeLog CODES = new RequestCodeLog();
    private static final CoverageRatchet RATCHET = new CoverageRatchet(NOT_YET);
    private static AdminScene scene;
    @TempDir
    static Path workDir;
    private static Mqadmin mqadmin;

    @BeforeAll
    static void buildScene() throws Exception {
        assumeTrue(MQVersion.getVersionDesc(MQVersion.CURRENT_VERSION).startsWith("V5_"),
                "Apache mqadmin 5.4.0 is on the classpath of it/client5 only");
        scene = AdminScene.start(server);
    }

    @AfterAll
    static void writeCoverage() throws Exception {
        if (scene != null) {
            Path report = Path.of("target", "admin-coverage",
                    "mqadmin-" + MQVersion.getVersionDesc(MQVersion.CURRENT_VERSION) + ".md");
            CODES.writeReport(report, RATCHET);
            if (mqadmin != null) {
                Files.writeString(report.resolveSibling(report.getFileName() + ".transcript.txt"),
                        mqadmin.transcript());
            }
            scene.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> shouldRunEverySeedCommandAgainstApogee() {
        mqadmin = new ApacheMqadmin(server.namesrvAddress(), CODES);
        MqadminStage stage = new MqadminStage(mqadmin, new ApacheMqadmin(server.namesrvAddress(), new RequestCodeLog()),
                scene, server, workDir);
        return stage.seedChecks().stream().map(RATCHET::test);
    }
}
