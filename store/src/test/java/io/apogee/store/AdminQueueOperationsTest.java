package io.apogee.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store's admin operations on consume queues (broker codes 215, 306, 316, 321): deleting a topic's queues,
 * deleting queues whose records cleanup removed, and reading raw units, on a real store in a temp dir.
 */
class AdminQueueOperationsTest {

    private static final int FILE = 4096;

    @TempDir
    Path dir;
    private MessageStore store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private MessageStore start(MessageStoreConfig config) throws Exception {
        store = StoreFixture.started(config);
        return store;
    }

    @Test
    void shouldDeleteEveryQueueOfATopicWithItsDirectoryAndKeepOthers() throws Exception {
        start(StoreFixture.config(dir));
        StoreFixture.put(store, "Doomed", 0, "a");
        StoreFixture.put(store, "Doomed", 3, "b");
        StoreFixture.put(store, "Kept", 0, "c");
        StoreFixture.awaitDispatched(store);

        assertThat(store.deleteTopicQueues("Doomed")).isEqualTo(2);

        assertThat(store.queueTopics()).containsExactly("Kept");
        assertThat(store.hasQueue("Doomed", 0)).isFalse();
        assertThat(dir.resolve("consumequeue/Doomed")).doesNotExist();
        assertThat(StoreFixture.allBodies(store, "Kept", 0)).containsExactly("c");
        assertThat(store.deleteTopicQueues("Doomed")).isZero();
        StoreFixture.put(store, "Doomed", 0, "again");
        StoreFixture.awaitDispatched(store);
        assertThat(StoreFixture.allBodies(store, "Doomed", 0)).containsExactly("again");
    }

    @Test
    void shouldReadRawUnitsFromAnOffset() throws Exception {
        start(StoreFixture.config(dir));
        List<PutResult> sent = IntStream.range(0, 5)
                .mapToObj(i -> store.put(StoreFixture.draft("Units", 1, "m" + i, "Tag" + i)).join()).toList();
        StoreFixture.awaitDispatched(store);

        List<QueueUnit> units = store.queueUnits("Units", 1, 2, 10);

        assertThat(units).extracting(QueueUnit::queueOffset).containsExactly(2L, 3L, 4L);
        assertThat(units.get(0).commitLogOffset()).isEqualTo(sent.get(2).wroteOffset());
        assertThat(units.get(0).tagsCode()).isEqualTo("Tag2".hashCode());
        assertThat(units.get(0).size()).isPositive();
        assertThat(store.queueUnits("Units", 1, 0, 2)).hasSize(2);
        assertThat(store.queueUnits("Nope", 0, 0, 2)).isEmpty();
    }

    @Test
    void shouldDeleteOnlyQueuesWhoseRecordsCleanupRemoved() throws Exception {
        MessageStoreConfig config = StoreFixture.config(dir);
        config.mapedFileSizeCommitLog = FILE;
        config.maxMessageSize = 2048;
        config.fileReservedTime = 0;
        config.deleteWhen = IntStream.range(0, 24).mapToObj(h -> String.format("%02d", h))
                .collect(Collectors.joining(";"));
        config.cleanResourceInterval = 3_600_000;
        config.diskFreeReserveBytes = 0;
        config.commitLogPrepareAheadBytes = 2 * FILE;
        start(config);
        StoreFixture.put(store, "Old", 0, "gone");
        for (int i = 0; i < 40; i++) {
            StoreFixture.put(store, "New", 0, "n".repeat(500));
        }
        StoreFixture.awaitDispatched(store);
        store.cleanNow();
        assertThat(store.commitLogMinOffset()).isPositive();

        List<String> deleted = store.deleteExpiredQueues(topic -> false);

        assertThat(deleted).containsExactly("Old/0");
        assertThat(store.hasQueue("Old", 0)).isFalse();
        assertThat(store.hasQueue("New", 0)).isTrue();
        assertThat(store.deleteExpiredQueues(topic -> false)).isEmpty();
    }
}
