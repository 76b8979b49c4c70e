package io.apogee.store.index;

import io.apogee.store.MessageStore;
import io.apogee.store.PutResult;

import java.nio.file.Path;

/**
 * Child-process entry point for {@link IndexedStoreTest}: appends keyed messages forever and prints
 * {@code ACK <commit-log offset>} for message n once its put completed. Killed with SIGKILL by the test.
 */
public final class IndexedWriterProcess {

    private IndexedWriterProcess() {
    }

    public static void main(String[] args) throws Exception {
        MessageStore store = IndexedStore.started(IndexedStore.config(Path.of(args[0])));
        for (int n = 0; ; n++) {
            PutResult r = IndexedStore.put(store, n);
            if (!r.isOk()) {
                throw new IllegalStateException("put " + n + " failed: " + r);
            }
            System.out.println("ACK " + r.wroteOffset());
            System.out.flush();
        }
    }
}
