package io.apogee.store;

import java.nio.file.Path;

/**
 * Child-process entry point for {@link KillRecoveryTest}: appends with SYNC_FLUSH forever and prints
 * {@code ACK <n>} after message n completed PUT_OK. Killed with SIGKILL by the test.
 */
public final class SyncWriterProcess {

    private SyncWriterProcess() {
    }

    public static void main(String[] args) throws Exception {
        MessageStoreConfig config = StoreFixture.config(Path.of(args[0]));
        config.flushDiskType = FlushDiskType.SYNC_FLUSH;
        MessageStore store = StoreFixture.started(config);
        for (int n = 0; ; n++) {
            PutResult r = store.put(StoreFixture.draft("TopicKill", 0, KillRecoveryTest.body(n), null)).join();
            if (r.status() == PutStatus.PUT_OK) {
                System.out.println("ACK " + n);
                System.out.flush();
            }
        }
    }
}
