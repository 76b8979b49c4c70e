package io.apogee.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Expired-file cleanup, forced cleaning and disk-full protection on real 4 KiB commit-log files and 10-unit
 * consume-queue files. File ages come from modification times set into the past, the hour from a test clock,
 * and the disk usage from a settable reading; rounds run on the test thread via {@link MessageStore#cleanNow()}.
 */
class StoreCleanupTest {

    private static final int FILE = 4096;
    private static final String TOPIC = "TopicClean";
    private static final String BODY = "b".repeat(550);

    @TempDir
    Path dir;
    private final TestClock clock = new TestClock(4);
    private final TestDisk disk = new TestDisk(50);
    private final List<MessageStore> stores = new ArrayList<>();

    @AfterEach
    void closeStores() {
        stores.forEach(MessageStore::close);
    }

    @Test
    void shouldDeleteExpiredFilesOnlyInDeleteHourAndMoveMinOffsets() throws Exception {
        MessageStore store = start(config());
        StoreFixture.put(store, "TopicIdle", 0, "idle-0");
        StoreFixture.put(store, "TopicIdle", 0, "idle-1");
        List<PutResult> sent = fill(store, 60);
        List<Path> before = commitLogFiles();
        assertThat(before).hasSizeGreaterThanOrEqualTo(8);
        expire(before.subList(0, 5));
        GetResult held = store.get(TOPIC, 0, 0, 3, 1 << 20, null);

        clock.hour(12);
        store.cleanNow();
        assertThat(commitLogFiles()).isEqualTo(before);

        clock.hour(4);
        store.cleanNow();

        assertThat(commitLogFiles()).isEqualTo(before.subList(5, before.size()));
        assertThat(store.commitLogMinOffset()).isEqualTo(5L * FILE);
        long min = firstQueueOffsetAtOrAbove(sent, 5L * FILE);
        assertThat(store.minOffsetInQueue(TOPIC, 0)).isEqualTo(min);
        assertThat(queueFiles(TOPIC)).doesNotContain(cqName(0), cqName(1)).contains(cqName(5));
        assertThat(queueFiles(TOPIC).contains(cqName(2))).isEqualTo(min < 30);
        GetResult tooSmall = store.get(TOPIC, 0, 0, 10, 1 << 20, null);
        assertThat(tooSmall.status()).isEqualTo(GetStatus.OFFSET_TOO_SMALL);
        assertThat(tooSmall.nextBeginOffset()).isEqualTo(min);
        assertThat(bodiesFrom(store, TOPIC, min)).isEqualTo(bodies(min, 60));
        assertThat(store.minOffsetInQueue("TopicIdle", 0)).isEqualTo(2);
        assertThat(store.maxOffsetInQueue("TopicIdle", 0)).isEqualTo(2);
        assertThat(queueFiles("TopicIdle")).containsExactly(cqName(0));
        assertThat(held.records()).extracting(StoreFixture::body).containsExactly(body(0), body(1), body(2));
    }

    @Test
    void shouldRunRoundsOnItsOwnThreadEveryCleanResourceInterval() throws Exception {
        MessageStoreConfig config = config();
        config.cleanResourceInterval = 20;
        MessageStore store = start(config);
        fill(store, 30);
        expire(commitLogFiles().subList(0, 2));

        await().atMost(Duration.ofSeconds(10)).until(() -> store.commitLogMinOffset() == 2L * FILE);
        disk.percent = 96;
        await().atMost(Duration.ofSeconds(10))
                .until(() -> StoreFixture.put(store, TOPIC, 0, "late").status() == PutStatus.SERVICE_NOT_AVAILABLE);
    }

    @Test
    void shouldNeverDeleteTheCurrentFileAndKeepAppendingAcrossRestart() throws Exception {
        MessageStoreConfig config = config();
        config.fileReservedTime = 0;
        MessageStore store = start(config);
        fill(store, 30);
        List<Path> before = commitLogFiles();
        expire(before);

        store.cleanNow();

        long end = store.commitLogMaxOffset();
        assertThat(commitLogFiles()).as("the file being written and those allocated after it")
                .isEqualTo(before.stream().filter(f -> start(f) + FILE > end).toList())
                .anySatisfy(f -> assertThat(start(f)).isLessThanOrEqualTo(end));
        long min = store.minOffsetInQueue(TOPIC, 0);
        assertThat(min).isLessThan(30);
        assertThat(bodiesFrom(store, TOPIC, min)).isEqualTo(bodies(min, 30));
        long clMin = store.commitLogMinOffset();
        store.close();

        MessageStore again = start(config);
        assertThat(again.commitLogMinOffset()).isEqualTo(clMin);
        assertThat(again.minOffsetInQueue(TOPIC, 0)).isEqualTo(min);
        assertThat(again.maxOffsetInQueue(TOPIC, 0)).isEqualTo(30);
        GetResult tooSmall = again.get(TOPIC, 0, min - 1, 10, 1 << 20, null);
        assertThat(tooSmall.status()).isEqualTo(GetStatus.OFFSET_TOO_SMALL);
        assertThat(tooSmall.nextBeginOffset()).isEqualTo(min);
        PutResult next = StoreFixture.put(again, TOPIC, 0, body(30));
        assertThat(next.queueOffset()).isEqualTo(30);
        StoreFixture.awaitDispatched(again);
        assertThat(bodiesFrom(again, TOPIC, min)).isEqualTo(bodies(min, 31));
    }

    @Test
    void shouldRecoverAfterCrashWhenOldFilesWereDeleted() throws Exception {
        MessageStoreConfig config = config();
        MessageStore store = start(config);
        List<PutResult> sent = fill(store, 60);
        expire(commitLogFiles().subList(0, 4));
        store.cleanNow();
        store.close();
        Files.write(config.abortPath(), new byte[0]);
        Files.delete(config.checkpointPath());

        MessageStore again = start(config);

        long min = firstQueueOffsetAtOrAbove(sent, 4L * FILE);
        assertThat(again.commitLogMinOffset()).isEqualTo(4L * FILE);
        assertThat(again.minOffsetInQueue(TOPIC, 0)).isEqualTo(min);
        assertThat(again.maxOffsetInQueue(TOPIC, 0)).isEqualTo(60);
        assertThat(StoreFixture.put(again, TOPIC, 0, body(60)).queueOffset()).isEqualTo(60);
        StoreFixture.awaitDispatched(again);
        assertThat(bodiesFrom(again, TOPIC, min)).isEqualTo(bodies(min, 61));
    }

    @Test
    void shouldCleanOldestFilesForciblyWhileDiskAboveMaxUsedRatioOnlyWhenOptedIn() throws Exception {
        clock.hour(12);
        MessageStoreConfig config = config();
        config.cleanFileForciblyEnable = true;
        MessageStore store = start(config);
        List<String> trims = new ArrayList<>();
        store.setTrimListener((topic, queueId, from, to, cause) ->
                trims.add(topic + "/" + queueId + " [" + from + "," + to + ") " + cause));
        List<PutResult> sent = fill(store, 60);
        List<Path> before = commitLogFiles();
        assertThat(before).hasSizeGreaterThanOrEqualTo(7);
        disk.percent = 80;

        store.cleanNow();

        assertThat(commitLogFiles()).isEqualTo(before.subList(5, before.size()));
        long min = firstQueueOffsetAtOrAbove(sent, 5L * FILE);
        assertThat(store.minOffsetInQueue(TOPIC, 0)).isEqualTo(min);
        assertThat(trims).containsExactly(TOPIC + "/0 [0," + min + ") FORCED");
        assertThat(StoreFixture.put(store, TOPIC, 0, body(60)).status()).isEqualTo(PutStatus.PUT_OK);
    }

    /**
     * With the defaults, a nearly full disk deletes only expired files: unexpired, unread messages stay readable
     * (before, the default cleanFileForciblyEnable=true deleted acknowledged, unconsumed messages seconds after
     * they were written) and puts are refused instead once the disk is fuller than diskSpaceWarningLevelRatio.
     */
    @Test
    void shouldKeepEveryUnexpiredMessageOnANearlyFullDiskByDefault() throws Exception {
        clock.hour(12);
        MessageStore store = start(config());
        List<PutResult> sent = fill(store, 60);
        List<Path> before = commitLogFiles();
        expire(before.subList(0, 2));
        disk.percent = 85;

        store.cleanNow();

        assertThat(commitLogFiles()).isEqualTo(before.subList(2, before.size()));
        long min = firstQueueOffsetAtOrAbove(sent, 2L * FILE);
        assertThat(bodiesFrom(store, TOPIC, min)).isEqualTo(bodies(min, 60));

        disk.percent = 95;
        store.cleanNow();
        assertThat(commitLogFiles()).isEqualTo(before.subList(2, before.size()));
        assertThat(StoreFixture.put(store, TOPIC, 0, body(60)).status()).isEqualTo(PutStatus.SERVICE_NOT_AVAILABLE);
        assertThat(bodiesFrom(store, TOPIC, min)).isEqualTo(bodies(min, 60));
    }

    @Test
    void shouldRefusePutsWhileDiskIsAboveWarningLevelAndResumeBelow() throws Exception {
        disk.percent = 95;
        MessageStoreConfig config = config();
        MessageStore store = start(config);

        PutResult refused = StoreFixture.put(store, TOPIC, 0, "x");
        assertThat(refused.status()).isEqualTo(PutStatus.SERVICE_NOT_AVAILABLE);
        assertThat(refused.reason()).contains(config.commitLogDir().toString(), "95.0%",
                "diskSpaceWarningLevelRatio=90");
        assertThat(store.putBatch(List.of(StoreFixture.draft(TOPIC, 0, "y", null))).join().status())
                .isEqualTo(PutStatus.SERVICE_NOT_AVAILABLE);

        disk.percent = 60;
        store.cleanNow();
        assertThat(StoreFixture.put(store, TOPIC, 0, "x").status()).isEqualTo(PutStatus.PUT_OK);

        disk.percent = 91;
        store.cleanNow();
        assertThat(StoreFixture.put(store, TOPIC, 0, "z").reason()).contains("91.0%");
    }

    // ---- helpers ----

    private static long start(Path commitLogFile) {
        return Long.parseLong(commitLogFile.getFileName().toString());
    }

    private MessageStoreConfig config() {
        MessageStoreConfig c = StoreFixture.config(dir);
        c.mapedFileSizeCommitLog = FILE;
        c.maxMessageSize = 2048;
        c.flushCommitLogLeastPages = 0;
        c.cleanResourceInterval = 3_600_000;
        c.deleteWhen = "04;16";
        // the test disk is 100 files small: keep no reserve and prepare just two files ahead
        c.diskFreeReserveBytes = 0;
        c.commitLogPrepareAheadBytes = 2 * FILE;
        return c;
    }

    private MessageStore start(MessageStoreConfig config) throws IOException {
        MessageStore store = new MessageStore(config, disk, clock);
        stores.add(store);
        store.start();
        return store;
    }

    /** Puts messages 0..n-1 to queue 0 and waits until they are dispatched and flushed. */
    private static List<PutResult> fill(MessageStore store, int n) {
        List<PutResult> sent = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            PutResult r = StoreFixture.put(store, TOPIC, 0, body(i));
            assertThat(r.status()).isEqualTo(PutStatus.PUT_OK);
            sent.add(r);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> store.dispatchedOffset() == store.commitLogMaxOffset()
                && store.flushedOffset() == store.commitLogMaxOffset());
        return sent;
    }

    private static String body(long i) {
        return i + "-" + BODY;
    }

    private static List<String> bodies(long from, long to) {
        List<String> out = new ArrayList<>();
        for (long i = from; i < to; i++) {
            out.add(body(i));
        }
        return out;
    }

    private static long firstQueueOffsetAtOrAbove(List<PutResult> sent, long commitLogOffset) {
        return sent.stream().filter(r -> r.wroteOffset() >= commitLogOffset).mapToLong(PutResult::queueOffset)
                .min().orElseThrow();
    }

    private static List<String> bodiesFrom(MessageStore store, String topic, long offset) {
        List<String> out = new ArrayList<>();
        long next = offset;
        while (true) {
            GetResult r = store.get(topic, 0, next, 7, 1 << 20, null);
            if (r.status() != GetStatus.FOUND) {
                return out;
            }
            r.records().forEach(b -> out.add(StoreFixture.body(b)));
            next = r.nextBeginOffset();
            r.release();
        }
    }

    private void expire(List<Path> files) throws IOException {
        FileTime old = FileTime.fromMillis(clock.millis() - Duration.ofHours(100).toMillis());
        for (Path f : files) {
            Files.setLastModifiedTime(f, old);
        }
    }

    private List<Path> commitLogFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("commitlog"))) {
            return s.sorted().toList();
        }
    }

    private List<String> queueFiles(String topic) throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("consumequeue").resolve(topic).resolve("0"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Name of the n-th consume-queue file (10 units of 20 bytes each). */
    private static String cqName(int n) {
        return MappedFile.fileName((long) n * StoreFixture.CONSUME_QUEUE_FILE);
    }

    /** A clock standing still at a settable hour of today (system zone). */
    private static final class TestClock extends Clock {
        private final ZoneId zone = ZoneId.systemDefault();
        private volatile Instant now;

        TestClock(int hour) {
            hour(hour);
        }

        void hour(int hour) {
            now = LocalDate.now(zone).atTime(hour, 0).atZone(zone).toInstant();
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId z) {
            // a view in another zone that follows this clock's hand
            Clock hand = this;
            return new Clock() {
                @Override
                public ZoneId getZone() {
                    return z;
                }

                @Override
                public Clock withZone(ZoneId other) {
                    return hand.withZone(other);
                }

                @Override
                public Instant instant() {
                    return hand.instant();
                }
            };
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** A partition of 100 commit-log files' worth of bytes, used to a settable percent. */
    private static final class TestDisk implements DiskUsage {
        volatile double percent;

        TestDisk(double percent) {
            this.percent = percent;
        }

        @Override
        public Reading read(Path dir) {
            return new Reading((long) (percent * FILE), 100L * FILE);
        }
    }
}
