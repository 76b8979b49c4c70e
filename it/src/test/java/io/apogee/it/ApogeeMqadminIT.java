package io.apogee.it;

import io.apogee.it.CoverageRatchet.Check;
import org.apache.rocketmq.common.MQVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Acceptance: every command of the seed's mqadmin table, run with Apogee's own {@code mqadmin} (module tools, the
 * command line {@code bin/mqadmin} runs) against Apogee, held to the same checks as Apache's tool in
 * {@link ApacheMqadminIT}: same command names and options, output that the same parsing reads, the same values of
 * the scene ({@link AdminScene}). The one difference: Apogee keeps the seed's {@code getConsumerStatus}, which
 * Apache 5.4.0 dropped. Beyond Apache, the {@code --json} forms are checked too ({@link MqadminJsonChecks}).
 * Runs in it/client5 (the scene's clients report V5_4_0); what each command printed, with its
 * exit status, goes to {@code target/admin-coverage/apogee-mqadmin.transcript.txt}.
 *
 * <p>Run: {@code mvn -B -o -pl it/client5 test -Dtest=ApogeeMqadminIT}
 */
class ApogeeMqadminIT {

    /** Checks (by name) that fail with Apogee's tool against today's tree; each must still fail. */
    static final Set<String> NOT_YET = Set.of(
    );

    @RegisterExtension
    static final SharedServer server = new SharedServer();

    private static final CoverageRatchet RATCHET = new CoverageRatchet(NOT_YET);
    private static AdminScene scene;
    @TempDir
    static Path workDir;
    private static ApogeeMqadmin mqadmin;

    @BeforeAll
    static void buildScene() throws Exception {
        assumeTrue(MQVersion.getVersionDesc(MQVersion.CURRENT_VERSION).startsWith("V5_"),
                "the checks expect the scene's clients to report V5_4_0 (it/client5)");
        scene = AdminScene.start(server);
    }

    @AfterAll
    static void writeTranscript() throws Exception {
        if (scene != null) {
            Path transcript = Path.of("target", "admin-coverage", "apogee-mqadmin.transcript.txt");
            Files.createDirectories(transcript.getParent());
            if (mqadmin != null) {
                Files.writeString(transcript, mqadmin.transcript());
            }
            scene.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> shouldRunEverySeedCommandAgainstApogee() {
        mqadmin = new ApogeeMqadmin(server.namesrvAddress());
        MqadminStage stage = new MqadminStage(mqadmin, new ApogeeMqadmin(server.namesrvAddress()), scene, server,
                workDir);
        List<Check> checks = new ArrayList<>(stage.seedChecks());
        checks.addAll(new MqadminJsonChecks(stage).checks());
        return checks.stream().map(RATCHET::test);
    }
}
