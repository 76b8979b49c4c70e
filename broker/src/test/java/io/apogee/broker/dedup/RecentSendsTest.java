package io.apogee.broker.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.store.PutResult;
import io.apogee.store.PutStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RecentSendsTest {

    private static final String KEY = "AC11000200002A9F00000000000000AB";
    private final AtomicLong clock = new AtomicLong(1_000_000);

    private RecentSends window(int capacity) {
        return new RecentSends(true, 300_000, capacity, clock::get);
    }

    private static String key(int i) {
        return String.format("7F00000100002A9F%016X", i);
    }

    private static PutResult stored(long wroteOffset, long queueOffset) {
        return new PutResult(PutStatus.PUT_OK, wroteOffset, queueOffset, 1, 100, 5, new long[] {wroteOffset}, null);
    }

    @Test
    void shouldAnswerARetryWithTheOriginalResult() throws Exception {
        RecentSends w = window(1000);
        long ticket = w.claim("T", 0, false, KEY, 3);
        assertThat(ticket).isGreaterThanOrEqualTo(0);
        w.complete(ticket, stored(4096, 17), null);

        assertThat(w.claim("T", 0, false, KEY, 1)).isEqualTo(RecentSends.DUPLICATE);
        SentResult original = w.original("T", 0, false, KEY).getNow(null);
        assertThat(original.queueId()).isEqualTo(3);
        assertThat(original.put().status()).isEqualTo(PutStatus.PUT_OK);
        assertThat(original.put().wroteOffset()).isEqualTo(4096);
        assertThat(original.put().queueOffset()).isEqualTo(17);
        assertThat(w.hits()).isEqualTo(1);
        assertThat(w.size()).isEqualTo(1);
    }

    @Test
    void shouldForgetAKeyOnceTheWindowHasPassed() {
        RecentSends w = window(1000);
        w.complete(w.claim("T", 0, false, KEY, 0), stored(1, 1), null);
        clock.addAndGet(299_999);
        assertThat(w.claim("T", 0, false, KEY, 0)).isEqualTo(RecentSends.DUPLICATE);
        clock.addAndGet(1);
        assertThat(w.claim("T", 0, false, KEY, 0)).isGreaterThanOrEqualTo(0);
        assertThat(w.size()).isEqualTo(1);
    }

    @Test
    void shouldEvictTheOldestKeysWhenFull() {
        RecentSends w = window(100);
        for (int i = 0; i < 150; i++) {
            w.complete(w.claim("T", 0, false, key(i), 0), stored(i, i), null);
        }
        assertThat(w.size()).isEqualTo(100);
        assertThat(w.claim("T", 0, false, key(49), 0)).as("evicted: stored again").isGreaterThanOrEqualTo(0);
        assertThat(w.claim("T", 0, false, key(149), 0)).isEqualTo(RecentSends.DUPLICATE);
        assertThat(w.claim("T", 0, false, key(51), 0)).isEqualTo(RecentSends.DUPLICATE);
    }

    @Test
    void shouldMakeADuplicateOfASendInFlightWaitForTheOriginal() throws Exception {
        RecentSends w = window(1000);
        long ticket = w.claim("T", 0, false, KEY, 2);
        assertThat(w.claim("T", 0, false, KEY, 5)).isEqualTo(RecentSends.DUPLICATE);
        CompletableFuture<SentResult> waiting = w.original("T", 0, false, KEY);
        CompletableFuture<SentResult> second = w.original("T", 0, false, KEY);
        assertThat(waiting).isNotDone();

        w.complete(ticket, stored(777, 9), null);

        assertThat(waiting.get().put().wroteOffset()).isEqualTo(777);
        assertThat(waiting.get().queueId()).isEqualTo(2);
        assertThat(second.get().put().queueOffset()).isEqualTo(9);
        assertThat(w.original("T", 0, false, KEY).get().put().wroteOffset()).isEqualTo(777);
    }

    @Test
    void shouldForgetASendWhosePutFailedSoThatTheRetryStores() {
        RecentSends w = window(1000);
        long ticket = w.claim("T", 0, false, KEY, 0);
        w.claim("T", 0, false, KEY, 0);
        CompletableFuture<SentResult> waiting = w.original("T", 0, false, KEY);

        w.complete(ticket, PutResult.failure(PutStatus.SERVICE_NOT_AVAILABLE, "disk full"), null);

        assertThat(waiting.join().put().status()).isEqualTo(PutStatus.SERVICE_NOT_AVAILABLE);
        assertThat(w.size()).isZero();
        assertThat(w.claim("T", 0, false, KEY, 0)).isGreaterThanOrEqualTo(0);
    }

    @Test
    void shouldPassAnExceptionOfTheOriginalToItsDuplicates() {
        RecentSends w = window(1000);
        long ticket = w.claim("T", 0, false, KEY, 0);
        w.claim("T", 0, false, KEY, 0);
        CompletableFuture<SentResult> waiting = w.original("T", 0, false, KEY);
        w.complete(ticket, null, new IllegalStateException("boom"));
        assertThat(waiting).isCompletedExceptionally();
        assertThat(w.claim("T", 0, false, KEY, 0)).isGreaterThanOrEqualTo(0);
    }

    @Test
    void shouldKeepTheSameKeyApartOnDifferentTopicsReconsumesAndBatches() {
        RecentSends w = window(1000);
        assertThat(w.claim("T", 0, false, KEY, 0)).isGreaterThanOrEqualTo(0);
        assertThat(w.claim("%RETRY%G", 1, false, KEY, 0)).isGreaterThanOrEqualTo(0);
        assertThat(w.claim("%RETRY%G", 2, false, KEY, 0)).as("the next send-back").isGreaterThanOrEqualTo(0);
        assertThat(w.claim("T", 0, true, KEY, 0)).isGreaterThanOrEqualTo(0);
        assertThat(w.claim("U", 0, false, KEY, 0)).isGreaterThanOrEqualTo(0);
        assertThat(w.claim("%RETRY%G", 2, false, KEY, 0)).isEqualTo(RecentSends.DUPLICATE);
    }

    @Test
    void shouldRememberTheWholeResultOfABatchAndOfAStoredButUnflushedMessage() {
        RecentSends w = window(1000);
        PutResult batch = new PutResult(PutStatus.PUT_OK, 10, 4, 3, 300, 5, new long[] {10, 110, 210}, null);
        w.complete(w.claim("T", 0, true, KEY, 1), batch, null);
        PutResult late = stored(50, 6).withStatus(PutStatus.FLUSH_DISK_TIMEOUT, "flush timed out");
        w.complete(w.claim("T", 0, false, KEY, 1), late, null);
        w.claim("T", 0, true, KEY, 0);
        assertThat(w.original("T", 0, true, KEY).join().put().wroteOffsets()).containsExactly(10, 110, 210);
        assertThat(w.original("T", 0, false, KEY).join().put().status()).isEqualTo(PutStatus.FLUSH_DISK_TIMEOUT);
    }

    @Test
    void shouldNotTrackWithoutAKeyOrWhenSwitchedOff() {
        assertThat(window(1000).claim("T", 0, false, null, 0)).isEqualTo(RecentSends.UNTRACKED);
        RecentSends off = new RecentSends(false, 300_000, 1000, clock::get);
        assertThat(off.claim("T", 0, false, KEY, 0)).isEqualTo(RecentSends.UNTRACKED);
        assertThat(off.claim("T", 0, false, KEY, 0)).isEqualTo(RecentSends.UNTRACKED);
        assertThat(off.bytes()).isZero();
    }

    @Test
    void shouldTellKeysThatAreNotHexApart() {
        RecentSends w = window(1000);
        String v6 = "240E0001000000000000000000000001" + "2A9F00000000000000000001";
        assertThat(w.claim("T", 0, false, v6, 0)).isGreaterThanOrEqualTo(0);
        assertThat(w.claim("T", 0, false, v6.replace('1', '2'), 0)).isGreaterThanOrEqualTo(0);
        assertThat(w.claim("T", 0, false, "my-own-key", 0)).isGreaterThanOrEqualTo(0);
        assertThat(w.claim("T", 0, false, v6, 0)).isEqualTo(RecentSends.DUPLICATE);
        assertThat(w.claim("T", 0, false, "my-own-key", 0)).isEqualTo(RecentSends.DUPLICATE);
    }

    @Test
    void shouldGrowAsItFillsAndStayWithinItsCapacity() {
        RecentSends w = window(200_000);
        long empty = w.bytes();
        for (int i = 0; i < 300_000; i++) {
            w.complete(w.claim("T", 0, false, key(i), 0), stored(i, i), null);
        }
        assertThat(w.bytes()).isGreaterThan(empty);
        assertThat(w.size()).isBetween(199_000L, 200_704L);
        for (int i = 299_000; i < 300_000; i++) {
            assertThat(w.claim("T", 0, false, key(i), 0)).isEqualTo(RecentSends.DUPLICATE);
        }
        assertThat(w.claim("T", 0, false, key(0), 0)).isGreaterThanOrEqualTo(0);
    }

    @Test
    void shouldLetExactlyOneOfConcurrentSendsOfOneKeyStore() throws Exception {
        RecentSends w = window(100_000);
        int threads = 4;
        int keys = 20_000;
        AtomicLong tickets = new AtomicLong();
        ConcurrentHashMap<Integer, Boolean> owners = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                await(start);
                for (int i = 0; i < keys; i++) {
                    long ticket = w.claim("T", 0, false, key(i), 0);
                    if (ticket >= 0) {
                        tickets.incrementAndGet();
                        assertThat(owners.putIfAbsent(i, true)).isNull();
                        w.complete(ticket, stored(i, i), null);
                    }
                }
            });
            thread.start();
            all.add(thread);
        }
        start.countDown();
        for (Thread thread : all) {
            thread.join();
        }
        assertThat(tickets.get()).isEqualTo(keys);
        assertThat(w.hits()).isEqualTo((long) keys * (threads - 1));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void shouldAnswerWaitingDuplicatesWhenAKeyInFlightIsEvicted() throws ExecutionException, InterruptedException {
        RecentSends w = window(64);
        w.claim("T", 0, false, KEY, 0);
        w.claim("T", 0, false, KEY, 0);
        CompletableFuture<SentResult> waiting = w.original("T", 0, false, KEY);
        for (int i = 0; i < 64; i++) {
            w.claim("T", 0, false, key(i), 0);
        }
        assertThat(waiting).isCompletedExceptionally();
    }
}
