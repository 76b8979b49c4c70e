package io.apogee.common;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** Stopping an executor the same way everywhere: let queued tasks finish for a bounded time, then interrupt. */
public final class ExecutorStop {

    private static final long PATIENCE_SECONDS = 5;

    private ExecutorStop() {
    }

    /**
     * Shuts {@code executor} down, waits up to 5 s for running and queued tasks, then interrupts what is left.
     * Keeps the caller's interrupt status.
     */
    public static void gracefully(ExecutorService executor) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
