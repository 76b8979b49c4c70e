package io.apogee.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A store on a real, small tmpfs that fills up: every acknowledged message stays readable, puts are refused with a
 * precise reason instead of faulting, they resume by themselves when space is freed, and everything acknowledged
 * survives a restart. (Before, appends into the sparse mapped file faulted with InternalError, the write position
 * moved anyway and the dispatcher spun on the hole; after a restart the acknowledged messages were gone.)
 */
class DiskFullTest {

    private static final long DISK = 12L * 1024 * 1024;
    private static final int FILE = 1024 * 1024;
    private static final String TOPIC = "TopicFull";
    private static final String BODY = "x".repeat(4000);

    @TempDir
    Path dir;
    private Tmpfs tmpfs;
    private MessageStore store;

    @BeforeEach
    void mount() throws Exception {
        tmpfs = Tmpfs.mount(dir, DISK);
    }

    @AfterEach
    void unmount() throws Exception {
        if (store != null) {
            store.close();
        }
        tmpfs.close();
    }

    private MessageStoreConfig config() {
        MessageStoreConfig c = StoreFixture.config(tmpfs.path().resolve("store"));
        c.mapedFileSizeCommitLog = FILE;
        c.mapedFileSizeConsumeQueue = 300_000 * ConsumeQueue.UNIT_SIZE; // the default: 6 MB, mostly sparse
        c.commitLogPrepareAheadBytes = FILE;
        c.diskFreeReserveBytes = 512 * 1024;
        c.diskSpaceWarningLevelRatio = 99;
        c.diskMaxUsedSpaceRatio = 95;
        c.cleanFileForciblyEnable = false;
        return c;
    }

    @Test
    void shouldRefusePutsOnAFullDiskKeepEveryAcknowledgedMessageAndResumeWhenSpaceIsFreed() throws Exception {
        Path filler = tmpfs.path().resolve("filler");
        Files.write(filler, new byte[3 * 1024 * 1024]);
        store = StoreFixture.started(config());

        List<String> acked = new ArrayList<>();
        PutResult refused = putUntilRefused(acked);

        assertThat(acked).hasSizeGreaterThan(100);
        assertThat(refused.status()).isEqualTo(PutStatus.SERVICE_NOT_AVAILABLE);
        assertThat(refused.reason()).contains("disk full", "bytes free", tmpfs.path().toString());
        StoreFixture.awaitDispatched(store);
        assertThat(StoreFixture.allBodies(store, TOPIC, 0)).isEqualTo(acked);
        assertThat(store.health().problems()).isEmpty();

        Files.delete(filler);
        await().atMost(Duration.ofSeconds(10)).until(() -> put(acked.size()).isOk());
        acked.add(body(acked.size()));
        StoreFixture.awaitDispatched(store);
        store.close();
        store = StoreFixture.started(config());

        assertThat(StoreFixture.allBodies(store, TOPIC, 0)).as("acknowledged messages after a restart")
                .isEqualTo(acked);
    }

    /**
     * A restart while the disk is still full recovers every acknowledged message and refuses puts; it does not
     * fault by reading the unallocated rest of a file through its mapping (which allocates pages on tmpfs).
     */
    @Test
    void shouldRecoverEveryAcknowledgedMessageWhenRestartedOnAStillFullDisk() throws Exception {
        Path filler = tmpfs.path().resolve("filler");
        Files.write(filler, new byte[3 * 1024 * 1024]);
        store = StoreFixture.started(config());
        List<String> acked = new ArrayList<>();
        putUntilRefused(acked);
        StoreFixture.awaitDispatched(store);
        store.close();

        store = StoreFixture.started(config());

        assertThat(StoreFixture.allBodies(store, TOPIC, 0)).isEqualTo(acked);
        assertThat(put(acked.size()).status()).isEqualTo(PutStatus.SERVICE_NOT_AVAILABLE);
        Files.delete(filler);
        await().atMost(Duration.ofSeconds(10)).until(() -> put(acked.size()).isOk());
    }

    private PutResult putUntilRefused(List<String> acked) {
        for (int i = 0; i < 10_000; i++) {
            PutResult r = put(i);
            if (!r.isOk()) {
                return r;
            }
            acked.add(body(i));
        }
        throw new AssertionError("the disk never filled");
    }

    private PutResult put(int i) {
        return StoreFixture.put(store, TOPIC, 0, body(i));
    }

    private static String body(int i) {
        return i + ":" + BODY;
    }
}
