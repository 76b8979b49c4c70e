package io.apogee.store.index;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The index files on their own: records given as topic and properties bytes, offsets and times made up. */
class MessageIndexTest {

    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dir;

    private final List<MessageIndex> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(MessageIndex::close);
    }

    private MessageIndex index(int slots, int capacity) throws IOException {
        MessageIndex index = new MessageIndex(dir, true, slots, capacity, 0, Clock.systemUTC());
        index.load();
        opened.add(index);
        return index;
    }

    /** Adds a record of {@code topic} with the given UNIQ_KEY (null: none) and KEYS (null: none), untagged. */
    private static void add(MessageIndex index, String topic, String uniq, String keys, long offset, long time) {
        addTagged(index, topic, null, uniq, keys, offset, time);
    }

    private static void addTagged(MessageIndex index, String topic, String tag, String uniq, String keys, long offset,
                                  long time) {
        String props = (tag == null ? "" : "TAGS\u0001" + tag + "\u0002")
                + (uniq == null ? "" : "UNIQ_KEY\u0001" + uniq + "\u0002")
                + (keys == null ? "" : "KEYS\u0001" + keys + "\u0002");
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        byte[] p = props.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(7 + t.length + p.length);
        buf.put(7, t).put(7 + t.length, p);
        index.add(buf, 7, t.length, 7 + t.length, p.length, offset, time);
    }

    private static List<Long> find(MessageIndex index, String topic, String key) {
        return index.query(topic, key, false, 100, 0, Long.MAX_VALUE, o -> true).offsets();
    }

    @Test
    void shouldFindARecordByItsUniqueKeyAndEachKeysToken() throws IOException {
        MessageIndex index = index(100, 1000);
        add(index, "T", "U1", "order-1 customer-7", 100, T0);
        add(index, "T", "U2", "order-2", 300, T0 + 10);
        add(index, "Other", "U3", "order-1", 500, T0 + 20);

        assertThat(find(index, "T", "U1")).containsExactly(100L);
        assertThat(find(index, "T", "order-1")).containsExactly(100L);
        assertThat(find(index, "T", "customer-7")).containsExactly(100L);
        assertThat(find(index, "T", "order-2")).containsExactly(300L);
        assertThat(find(index, "Other", "order-1")).containsExactly(500L);
        assertThat(find(index, "T", "order-3")).isEmpty();
        IndexHits hits = index.query("T", "U2", false, 10, 0, Long.MAX_VALUE, o -> true);
        assertThat(hits.indexLastUpdatePhyOffset()).isEqualTo(500);
        assertThat(hits.indexLastUpdateTimestamp()).isEqualTo(T0 + 20);
    }

    @Test
    void shouldFindRecordsByTagApartFromKeysOfTheSameText() throws IOException {
        MessageIndex index = index(100, 1000);
        addTagged(index, "T", "tagA", "U1", "tagA", 100, T0);
        addTagged(index, "T", "tagA", "U2", null, 300, T0 + 10);
        addTagged(index, "Other", "tagA", "U3", null, 500, T0 + 20);
        addTagged(index, "T", "tagB", "U4", null, 700, T0 + 30);

        assertThat(index.query("T", "tagA", true, 10, 0, Long.MAX_VALUE, o -> true).offsets())
                .as("tag index of T, newest first").containsExactly(300L, 100L);
        assertThat(find(index, "T", "tagA")).as("the key index holds only the record with KEYS tagA")
                .containsExactly(100L);
        assertThat(index.query("T", "tagB", true, 10, 0, Long.MAX_VALUE, o -> true).offsets()).containsExactly(700L);
    }

    @Test
    void shouldAnswerNewestFirstAndStopAtMaxNum() throws IOException {
        MessageIndex index = index(100, 1000);
        for (int i = 0; i < 10; i++) {
            add(index, "T", null, "same", 100L * i, T0 + 1000L * i);
        }
        assertThat(index.query("T", "same", false, 3, 0, Long.MAX_VALUE, o -> true).offsets())
                .containsExactly(900L, 800L, 700L);
        assertThat(index.query("T", "same", false, 3, 0, Long.MAX_VALUE, o -> o % 200 == 0).offsets())
                .containsExactly(800L, 600L, 400L);
    }

    @Test
    void shouldKeepOnlyEntriesWithinTheTimeRange() throws IOException {
        MessageIndex index = index(100, 1000);
        for (int i = 0; i < 10; i++) {
            add(index, "T", null, "k", 100L * i, T0 + 10_000L * i);
        }
        assertThat(index.query("T", "k", false, 100, T0 + 20_000, T0 + 50_000, o -> true).offsets())
                .containsExactly(500L, 400L, 300L, 200L);
        IndexHits old = index.query("T", "k", false, 100, 0, T0 - 1, o -> true);
        assertThat(old.offsets()).isEmpty();
    }

    @Test
    void shouldFollowChainsThroughCollidingSlots() throws IOException {
        MessageIndex index = index(1, 1000);
        for (int i = 0; i < 50; i++) {
            add(index, "T", null, "key-" + (i % 5), 10L * i, T0 + i);
        }
        assertThat(find(index, "T", "key-3")).containsExactly(480L, 430L, 380L, 330L, 280L, 230L, 180L, 130L,
                80L, 30L);
    }

    @Test
    void shouldRollToANewFileWhenFullAndFindKeysInEveryFile() throws IOException {
        MessageIndex index = index(16, 8); // 7 entries per file: three records of two keys
        for (int i = 0; i < 30; i++) {
            add(index, "T", "U" + i, "all", 100L * i, T0 + 1000L * i);
        }
        assertThat(index.fileCount()).isEqualTo(10); // a record's keys never span two files
        for (int i = 0; i < 30; i++) {
            assertThat(find(index, "T", "U" + i)).containsExactly(100L * i);
        }
        assertThat(find(index, "T", "all")).hasSize(30).startsWith(2900L, 2800L).endsWith(0L);
    }

    @Test
    void shouldPutARecordWhoseKeysDoNotFitIntoANewFileSoSnapshotsEndOnWholeRecords() throws IOException {
        MessageIndex index = index(16, 8); // 7 entries per file
        add(index, "T", "U0", "a b", 0, T0);
        add(index, "T", "U1", "c d", 100, T0);
        add(index, "T", "U2", "e f", 200, T0); // 3 keys, 1 entry of room left: a new file
        assertThat(index.fileCount()).isEqualTo(2);
        IndexCheckpoint checkpoint = index.flush(250);
        assertThat(checkpoint.count()).isEqualTo(4);
        assertThat(checkpoint.endPhyOffset()).isEqualTo(200);
        add(index, "T", "U3", "g h", 300, T0);
        index.close();

        MessageIndex again = index(16, 8);
        again.recover(checkpoint, true);
        add(again, "T", "U2", "e f", 200, T0); // the replay from the covered offset
        add(again, "T", "U3", "g h", 300, T0);
        String[] keys = {"U0", "a", "b", "U1", "c", "d", "U2", "e", "f", "U3", "g", "h"};
        for (int i = 0; i < keys.length; i++) {
            assertThat(find(again, "T", keys[i])).as(keys[i]).containsExactly(100L * (i / 3));
        }
    }

    @Test
    void shouldSkipRecordsAtOrBelowTheLastIndexedOffset() throws IOException {
        MessageIndex index = index(100, 1000);
        add(index, "T", "U1", null, 100, T0);
        add(index, "T", "U2", null, 200, T0);
        add(index, "T", "U1", null, 100, T0); // a replay
        add(index, "T", "U2", null, 200, T0);
        assertThat(find(index, "T", "U1")).containsExactly(100L);
        assertThat(find(index, "T", "U2")).containsExactly(200L);
    }

    @Test
    void shouldReopenWhatWasClosed() throws IOException {
        MessageIndex index = index(16, 8);
        for (int i = 0; i < 20; i++) {
            add(index, "T", "U" + i, null, 100L * i, T0 + i);
        }
        index.flush(0);
        index.close();
        MessageIndex again = index(16, 8);
        again.recover(IndexCheckpoint.EMPTY, false);
        assertThat(again.fileCount()).isEqualTo(3);
        add(again, "T", "U19", null, 1900, T0); // replay of the last record: skipped
        add(again, "T", "U20", null, 2000, T0 + 20);
        for (int i = 0; i <= 20; i++) {
            assertThat(find(again, "T", "U" + i)).containsExactly(100L * i);
        }
    }

    @Test
    void shouldCutBackToTheCheckpointAfterACrashAndRepairTheSlots() throws IOException {
        MessageIndex index = index(4, 100);
        for (int i = 0; i < 10; i++) {
            add(index, "T", "U" + i, "shared", 100L * i, T0 + i);
        }
        IndexCheckpoint checkpoint = index.flush(0);
        for (int i = 10; i < 20; i++) {
            add(index, "T", "U" + i, "shared", 100L * i, T0 + i);
        }
        index.flush(0);
        index.close();
        Path file = onlyFile();
        try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            // the pages of entries written after the checkpoint are lost; slots still point at them
            long from = IndexFile.HEADER_SIZE + 4 * IndexFile.SLOT_SIZE + (long) checkpoint.count() * 20;
            ch.write(ByteBuffer.allocate(20 * 20), from);
        }

        MessageIndex again = index(4, 100);
        again.recover(checkpoint, true);
        assertThat(find(again, "T", "shared")).hasSize(10).startsWith(900L);
        for (int i = 10; i < 20; i++) { // the commit-log replay re-adds them, once
            add(again, "T", "U" + i, "shared", 100L * i, T0 + i);
        }
        for (int i = 0; i < 20; i++) {
            assertThat(find(again, "T", "U" + i)).containsExactly(100L * i);
        }
        assertThat(find(again, "T", "shared")).hasSize(20).doesNotHaveDuplicates();
    }

    @Test
    void shouldDeleteNewerFilesThanTheCheckpointAfterACrash() throws IOException {
        MessageIndex index = index(16, 8);
        for (int i = 0; i < 10; i++) {
            add(index, "T", "U" + i, null, 100L * i, T0 + i);
        }
        IndexCheckpoint checkpoint = index.flush(0); // second file, 3 entries
        for (int i = 10; i < 30; i++) {
            add(index, "T", "U" + i, null, 100L * i, T0 + i);
        }
        index.close();
        MessageIndex again = index(16, 8);
        assertThat(again.fileCount()).isEqualTo(5);
        again.recover(checkpoint, true);
        assertThat(again.fileCount()).isEqualTo(2);
        assertThat(find(again, "T", "U9")).containsExactly(900L);
        assertThat(find(again, "T", "U10")).isEmpty();
    }

    @Test
    void shouldDeleteFilesWhoseRecordsAllLieBelowTheCommitLogMin() throws IOException {
        MessageIndex index = index(16, 8);
        for (int i = 0; i < 30; i++) {
            add(index, "T", "U" + i, null, 100L * i, T0 + i);
        }
        assertThat(index.fileCount()).isEqualTo(5);
        assertThat(index.deleteBelow(1450)).isEqualTo(2); // files of U0..U13 end at 600 and 1300
        assertThat(index.fileCount()).isEqualTo(3);
        assertThat(find(index, "T", "U13")).isEmpty();
        assertThat(find(index, "T", "U14")).containsExactly(1400L);
        assertThat(index.deleteBelow(Long.MAX_VALUE)).isEqualTo(2); // never the newest
        assertThat(find(index, "T", "U29")).containsExactly(2900L);
        assertThat(filesOnDisk()).hasSize(1);
    }

    @Test
    void shouldForgetEntriesBeyondTheRecoveredCommitLogEnd() throws IOException {
        MessageIndex index = index(16, 8);
        for (int i = 0; i < 10; i++) {
            add(index, "T", "U" + i, null, 100L * i, T0 + i);
        }
        index.truncateTo(550);
        assertThat(index.fileCount()).isEqualTo(1);
        assertThat(find(index, "T", "U5")).containsExactly(500L);
        assertThat(find(index, "T", "U6")).isEmpty();
        add(index, "T", "U6b", null, 550, T0 + 6);
        assertThat(find(index, "T", "U6b")).containsExactly(550L);
    }

    private Path onlyFile() throws IOException {
        List<Path> files = filesOnDisk();
        assertThat(files).hasSize(1);
        return files.get(0);
    }

    private List<Path> filesOnDisk() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }
}
