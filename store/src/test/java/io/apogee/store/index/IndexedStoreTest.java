package io.apogee.store.index;

import io.apogee.store.MessageStore;
import io.apogee.store.MessageStoreConfig;
import io.apogee.store.PutResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.apogee.store.index.IndexedStore.find;
import static io.apogee.store.index.IndexedStore.key;
import static io.apogee.store.index.IndexedStore.uniq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The index inside a running store: built by the dispatcher, flushed, recovered after crashes, cleaned up. */
class IndexedStoreTest {

    @TempDir
    Path dir;

    private List<Long> putAll(MessageStore store, int from, int to) {
        List<Long> offsets = new ArrayList<>();
        for (int n = from; n < to; n++) {
            PutResult r = IndexedStore.put(store, n);
            assertThat(r.isOk()).isTrue();
            offsets.add(r.wroteOffset());
        }
        IndexedStore.awaitDispatched(store);
        return offsets;
    }

    private static void assertEachFoundOnce(MessageStore store, List<Long> offsets) {
        for (int n = 0; n < offsets.size(); n++) {
            assertThat(find(store, uniq(n))).as("uniq %d", n).containsExactly(offsets.get(n));
            assertThat(find(store, key(n))).as("key %d", n).containsExactly(offsets.get(n));
        }
    }

    @Test
    void shouldFindMessagesByUniqueKeyAndKeysButNotRolledBackOnes() throws Exception {
        MessageStoreConfig config = IndexedStore.config(dir);
        try (MessageStore store = IndexedStore.started(config)) {
            List<Long> offsets = putAll(store, 0, 120); // three keys each: 360 entries, four files
            store.put(IndexedStore.draft(999, 0xC)).join(); // a rolled-back transactional message
            IndexedStore.awaitDispatched(store);

            assertEachFoundOnce(store, offsets);
            assertThat(find(store, uniq(999))).isEmpty();
            IndexHits all = store.queryMessage(IndexedStore.TOPIC, "all", 10, 0, Long.MAX_VALUE);
            List<Long> newestTen = new ArrayList<>(offsets.subList(110, 120));
            Collections.reverse(newestTen);
            assertThat(all.offsets()).containsExactlyElementsOf(newestTen);
            assertThat(all.indexLastUpdatePhyOffset()).isEqualTo(offsets.get(119));
            assertThat(store.queryMessage("OtherTopic", key(1), 10, 0, Long.MAX_VALUE).offsets()).isEmpty();
            assertThat(store.queryMessage(IndexedStore.TOPIC, key(1), 10, System.currentTimeMillis() + 60_000,
                    Long.MAX_VALUE).offsets()).isEmpty();
            assertThat(indexFiles(config)).hasSize(4);
        }
    }

    @Test
    void shouldKeepTheIndexAcrossACleanRestart() throws Exception {
        MessageStoreConfig config = IndexedStore.config(dir);
        List<Long> offsets;
        try (MessageStore store = IndexedStore.started(config)) {
            offsets = putAll(store, 0, 70);
        }
        try (MessageStore store = IndexedStore.started(config)) {
            offsets.addAll(putAll(store, 70, 100));
            assertEachFoundOnce(store, offsets);
        }
    }

    @Test
    void shouldRebuildTheIndexFromTheCommitLogWhenTheCheckpointIsLost() throws Exception {
        MessageStoreConfig config = IndexedStore.config(dir);
        List<Long> offsets;
        try (MessageStore store = IndexedStore.started(config)) {
            offsets = putAll(store, 0, 80);
        }
        Files.delete(config.checkpointPath());
        Files.write(config.abortPath(), new byte[0]);
        try (MessageStore store = IndexedStore.started(config)) {
            assertEachFoundOnce(store, offsets);
        }
    }

    @Test
    void shouldFindMessagesByTagApartFromOtherTopicsAndTags() throws Exception {
        try (MessageStore store = IndexedStore.started(IndexedStore.config(dir))) {
            long a0 = store.put(IndexedStore.draft(0, "TagA")).join().wroteOffset();
            store.put(IndexedStore.draft(1, "TagB")).join();
            long a2 = store.put(IndexedStore.draft(2, "TagA")).join().wroteOffset();
            IndexedStore.awaitDispatched(store);

            assertThat(store.queryMessageByTag(IndexedStore.TOPIC, "TagA", 10, 0, Long.MAX_VALUE).offsets())
                    .containsExactly(a2, a0);
            assertThat(store.queryMessageByTag("OtherTopic", "TagA", 10, 0, Long.MAX_VALUE).offsets()).isEmpty();
            assertThat(store.queryMessage(IndexedStore.TOPIC, "TagA", 10, 0, Long.MAX_VALUE).offsets())
                    .as("a tag is not a key").isEmpty();
        }
    }

    @Test
    void shouldRecoverFromAnOlderCheckpointWhenIndexPagesWereLost() throws Exception {
        MessageStoreConfig config = IndexedStore.config(dir);
        List<Long> offsets;
        try (MessageStore store = IndexedStore.started(config)) {
            offsets = putAll(store, 0, 20); // entries 1..60
        }
        byte[] olderCheckpoint = Files.readAllBytes(config.checkpointPath());
        try (MessageStore store = IndexedStore.started(config)) {
            offsets.addAll(putAll(store, 20, 30)); // same index file: entries 61..90
        }
        // a machine crash: the checkpoint's last write and the index pages written after the older one are lost
        Files.write(config.checkpointPath(), olderCheckpoint);
        Files.write(config.abortPath(), new byte[0]);
        Path file = indexFiles(config).get(0);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(30 * 20), 40 + 64 * 4 + 61 * 20);
        }
        try (MessageStore store = IndexedStore.started(config)) {
            assertEachFoundOnce(store, offsets);
            assertThat(store.queryMessage(IndexedStore.TOPIC, "all", 64, 0, Long.MAX_VALUE).offsets())
                    .hasSize(30).doesNotHaveDuplicates();
        }
    }

    @Test
    void shouldFindEveryAcknowledgedKeyExactlyOnceAfterKillMinus9() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                IndexedWriterProcess.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<Long> offsets = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (offsets.size() < 400 && (line = out.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    offsets.add(Long.parseLong(line.substring(4)));
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(offsets).hasSize(400);
        MessageStoreConfig config = IndexedStore.config(dir);
        assertThat(config.abortPath()).exists();
        try (MessageStore store = IndexedStore.started(config)) {
            assertEachFoundOnce(store, offsets);
        }
    }

    @Test
    void shouldDeleteIndexFilesTogetherWithTheCommitLogFilesTheyPointInto() throws Exception {
        MessageStoreConfig config = IndexedStore.config(dir);
        config.fileReservedTime = 0;
        config.deleteWhen = "0;1;2;3;4;5;6;7;8;9;10;11;12;13;14;15;16;17;18;19;20;21;22;23";
        config.cleanResourceInterval = 100;
        config.mapedFileSizeCommitLog = 16 * 1024; // ~100 messages per file
        try (MessageStore store = IndexedStore.started(config)) {
            List<Long> offsets = putAll(store, 0, 400); // 13 index files, ~5 commit-log files
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
                long min = store.commitLogMinOffset();
                assertThat(min).isPositive();
                List<Path> left = indexFiles(config);
                assertThat(left).hasSizeLessThan(13);
                for (Path f : left) {
                    assertThat(endPhyOffset(f)).as("endPhyOffset of %s", f).isGreaterThanOrEqualTo(min);
                }
            });
            assertThat(find(store, uniq(0))).isEmpty();
            assertThat(find(store, uniq(399))).containsExactly(offsets.get(399));
        }
    }

    private static long endPhyOffset(Path indexFile) throws Exception {
        try (FileChannel ch = FileChannel.open(indexFile, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(40);
            ch.read(header, 0);
            return header.getLong(24);
        }
    }

    private static List<Path> indexFiles(MessageStoreConfig config) throws Exception {
        try (Stream<Path> s = Files.list(config.indexDir())) {
            return s.sorted().toList();
        }
    }
}
