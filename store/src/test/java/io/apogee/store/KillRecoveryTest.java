package io.apogee.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Messages acknowledged under SYNC_FLUSH survive a SIGKILL of the writing process. */
class KillRecoveryTest {

    @TempDir
    Path dir;

    static String body(int n) {
        return "kill-" + n + "-" + "k".repeat(n % 500);
    }

    @Test
    void shouldKeepEveryAcknowledgedMessageAfterKillMinus9() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SyncWriterProcess.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        int acked = -1;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (acked < 300 && (line = out.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    acked = Integer.parseInt(line.substring(4));
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(acked).isGreaterThanOrEqualTo(300);

        MessageStoreConfig config = StoreFixture.config(dir);
        assertThat(config.abortPath()).exists();
        try (MessageStore store = StoreFixture.started(config)) {
            List<String> bodies = StoreFixture.allBodies(store, "TopicKill", 0);
            assertThat(bodies.size()).isGreaterThan(acked);
            for (int n = 0; n <= acked; n++) {
                assertThat(bodies.get(n)).isEqualTo(body(n));
            }
            long max = store.maxOffsetInQueue("TopicKill", 0);
            assertThat(StoreFixture.put(store, "TopicKill", 0, "after").queueOffset()).isEqualTo(max);
        }
    }
}
