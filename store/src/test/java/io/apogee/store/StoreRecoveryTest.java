package io.apogee.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Restart after clean close and recovery from damaged tails, using real files between two store instances. */
class StoreRecoveryTest {

    @TempDir
    Path dir;

    @Test
    void shouldKeepEverythingAcrossCleanRestart() throws Exception {
        MessageStoreConfig config = StoreFixture.config(dir);
        List<String> q0 = new ArrayList<>();
        long end;
        try (MessageStore store = StoreFixture.started(config)) {
            for (int i = 0; i < 40; i++) {
                String body = i + "-" + "y".repeat(2000);
                StoreFixture.put(store, "TopicR", i % 2, body);
                if (i % 2 == 0) {
                    q0.add(body);
                }
            }
            end = store.commitLogMaxOffset();
        }
        assertThat(config.abortPath()).doesNotExist();
        assertThat(Files.size(config.checkpointPath())).isEqualTo(4096);

        try (MessageStore store = StoreFixture.started(config)) {
            assertThat(store.commitLogMaxOffset()).isEqualTo(end);
            assertThat(store.maxOffsetInQueue("TopicR", 0)).isEqualTo(20);
            assertThat(store.maxOffsetInQueue("TopicR", 1)).isEqualTo(20);
            assertThat(StoreFixture.allBodies(store, "TopicR", 0)).isEqualTo(q0);
            PutResult next = StoreFixture.put(store, "TopicR", 1, "after restart");
            assertThat(next.queueOffset()).isEqualTo(20);
            assertThat(next.wroteOffset()).isEqualTo(end);
            assertThat(config.abortPath()).exists();
        }
    }

    @Test
    void shouldRecoverFromCommitLogCutMidRecord() throws Exception {
        MessageStoreConfig config = StoreFixture.config(dir);
        PutResult last = writeFiveAndClose(config);
        Path file = commitLogFileHolding(last.wroteOffset());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(last.wroteOffset() - fileStart(file) + 30);
        }
        Files.write(config.abortPath(), new byte[0]);

        assertRecoveredToFourMessages(config, last);
    }

    @Test
    void shouldRecoverFromTornLastMessage() throws Exception {
        MessageStoreConfig config = StoreFixture.config(dir);
        PutResult last = writeFiveAndClose(config);
        Path file = commitLogFileHolding(last.wroteOffset());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            long bodyAt = last.wroteOffset() - fileStart(file) + 88;
            ch.write(ByteBuffer.wrap(new byte[] {'Z', 'Z'}), bodyAt);
        }
        Files.write(config.abortPath(), new byte[0]);

        assertRecoveredToFourMessages(config, last);
        assertThat(Files.size(file)).isEqualTo(StoreFixture.COMMIT_LOG_FILE);
    }

    @Test
    void shouldTruncateConsumeQueueUnitsBeyondTheCommitLog() throws Exception {
        MessageStoreConfig config = StoreFixture.config(dir);
        PutResult last = writeFiveAndClose(config);
        Path cq = dir.resolve("consumequeue/TopicX/0/00000000000000000000");
        try (FileChannel ch = FileChannel.open(cq, StandardOpenOption.WRITE)) {
            ByteBuffer unit = ByteBuffer.allocate(20).putLong(last.wroteOffset() + 5000).putInt(120).putLong(0).flip();
            ch.write(unit, 5 * 20);
        }

        try (MessageStore store = StoreFixture.started(config)) {
            assertThat(store.maxOffsetInQueue("TopicX", 0)).isEqualTo(5);
            assertThat(StoreFixture.put(store, "TopicX", 0, "m5").queueOffset()).isEqualTo(5);
        }
    }

    @Test
    void shouldRebuildLostConsumeQueuesFromTheCommitLog() throws Exception {
        MessageStoreConfig config = StoreFixture.config(dir);
        List<String> sent = new ArrayList<>();
        try (MessageStore store = StoreFixture.started(config)) {
            for (int i = 0; i < 50; i++) {
                sent.add("r" + i + "z".repeat(3000));
                StoreFixture.put(store, "TopicLost", 0, sent.get(i));
            }
        }
        deleteTree(dir.resolve("consumequeue"));
        Files.delete(config.checkpointPath());
        Files.write(config.abortPath(), new byte[0]);

        try (MessageStore store = StoreFixture.started(config)) {
            assertThat(StoreFixture.allBodies(store, "TopicLost", 0)).isEqualTo(sent);
            assertThat(StoreFixture.put(store, "TopicLost", 0, "next").queueOffset()).isEqualTo(50);
        }
    }

    private PutResult writeFiveAndClose(MessageStoreConfig config) throws Exception {
        PutResult last = null;
        try (MessageStore store = StoreFixture.started(config)) {
            for (int i = 0; i < 5; i++) {
                last = StoreFixture.put(store, "TopicX", 0, "m" + i);
            }
        }
        return last;
    }

    private void assertRecoveredToFourMessages(MessageStoreConfig config, PutResult lost) throws Exception {
        try (MessageStore store = StoreFixture.started(config)) {
            assertThat(store.commitLogMaxOffset()).isEqualTo(lost.wroteOffset());
            assertThat(store.maxOffsetInQueue("TopicX", 0)).isEqualTo(4);
            assertThat(StoreFixture.allBodies(store, "TopicX", 0)).containsExactly("m0", "m1", "m2", "m3");
            PutResult again = StoreFixture.put(store, "TopicX", 0, "m4 again");
            assertThat(again.queueOffset()).isEqualTo(4);
            assertThat(again.wroteOffset()).isEqualTo(lost.wroteOffset());
            StoreFixture.awaitDispatched(store);
            assertThat(StoreFixture.allBodies(store, "TopicX", 0)).endsWith("m3", "m4 again");
        }
    }

    /** The commit-log file holding {@code offset} (later files may exist: space is allocated ahead). */
    private Path commitLogFileHolding(long offset) throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve("commitlog"))) {
            return s.filter(p -> fileStart(p) <= offset).max(Comparator.naturalOrder()).orElseThrow();
        }
    }

    private static long fileStart(Path file) {
        return Long.parseLong(file.getFileName().toString());
    }

    private static void deleteTree(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
