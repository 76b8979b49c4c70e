package io.apogee.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** SYNC_FLUSH group commit and its timeout. */
class SyncFlushTest {

    @TempDir
    Path dir;
    private MessageStore store;

    @BeforeEach
    void startStore() throws Exception {
        MessageStoreConfig config = StoreFixture.config(dir);
        config.flushDiskType = FlushDiskType.SYNC_FLUSH;
        config.syncFlushTimeout = 300;
        config.flushIntervalCommitLog = 10_000;
        store = StoreFixture.started(config);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void shouldShareForcesAmongConcurrentPuts() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(64);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<PutResult>> results = new ArrayList<>();
            long forcesBefore = store.flushCount();
            for (int i = 0; i < 64; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    go.await();
                    return store.put(StoreFixture.draft("TopicS", n % 4, "s" + n, null)).get(10, TimeUnit.SECONDS);
                }));
            }
            go.countDown();
            for (Future<PutResult> f : results) {
                PutResult r = f.get(20, TimeUnit.SECONDS);
                assertThat(r.status()).isEqualTo(PutStatus.PUT_OK);
                assertThat(store.flushedOffset()).isGreaterThanOrEqualTo(r.wroteOffset() + r.wroteBytes());
            }
            assertThat(store.flushCount() - forcesBefore).isLessThan(64).isPositive();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldCompleteAllPendingPutsWithOneForce() {
        store.stallFlusher(true);
        long forcesBefore = store.flushCount();
        List<CompletableFuture<PutResult>> pending = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            pending.add(store.put(StoreFixture.draft("TopicS", 0, "p" + i, null)));
        }
        assertThat(pending).noneMatch(CompletableFuture::isDone);

        store.stallFlusher(false);

        await().atMost(Duration.ofSeconds(5)).until(() -> pending.stream().allMatch(CompletableFuture::isDone));
        assertThat(pending).allMatch(f -> f.join().status() == PutStatus.PUT_OK);
        assertThat(store.flushCount() - forcesBefore).isEqualTo(1);
    }

    @Test
    void shouldAnswerFlushDiskTimeoutWhenTheForceDoesNotHappenInTime() {
        store.stallFlusher(true);

        PutResult r = store.put(StoreFixture.draft("TopicS", 0, "late", null)).join();

        assertThat(r.status()).isEqualTo(PutStatus.FLUSH_DISK_TIMEOUT);
        assertThat(r.reason()).contains("syncFlushTimeout=300");
        assertThat(r.wroteOffset()).isZero();
        store.stallFlusher(false);
        await().until(() -> store.flushedOffset() == store.commitLogMaxOffset());
        StoreFixture.awaitDispatched(store);
        assertThat(StoreFixture.allBodies(store, "TopicS", 0)).containsExactly("late");
    }

    @Test
    void shouldAnswerPutOkAtOnceWhileTheFlusherIsStalledWhenTheDraftDoesNotWait() {
        store.stallFlusher(true);
        MessageDraft noWait = StoreFixture.draft("TopicS", 0, "no-wait", null);
        noWait.waitStoreMsgOK = false;

        CompletableFuture<PutResult> put = store.put(noWait);

        assertThat(put).as("complete when put returns").isDone();
        PutResult r = put.join();
        assertThat(r.status()).isEqualTo(PutStatus.PUT_OK);
        long end = r.wroteOffset() + r.wroteBytes();
        assertThat(store.flushedOffset()).as("not forced yet").isLessThan(end);
        store.stallFlusher(false);
        assertThat(store.put(StoreFixture.draft("TopicS", 0, "waits", null)).join().status())
                .isEqualTo(PutStatus.PUT_OK);
        assertThat(store.flushedOffset()).as("forced by the next waiting put").isGreaterThanOrEqualTo(end);
    }
}
