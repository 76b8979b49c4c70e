package io.apogee.common;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The one-thread scheduler of a periodic server service: a named daemon thread, so it never keeps a JVM alive. */
public final class DaemonScheduler {

    private DaemonScheduler() {
    }

    /** A single-threaded scheduled executor whose thread is called {@code threadName}. */
    public static ScheduledExecutorService named(String threadName) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }
}
