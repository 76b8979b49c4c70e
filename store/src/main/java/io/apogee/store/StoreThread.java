package io.apogee.store;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The daemon thread of one store service (dispatcher, flushers): runs the service's loop while
 * {@link #isRunning()}, can be woken from any thread, and is stopped by setting the flag, waking it and
 * joining it.
 *
 * <p>Thread-safe: {@link #start()} and {@link #stop()} are called by the store's lifecycle thread;
 * {@link #wake()} and {@link #isRunning()} by anyone (both fields are volatile).
 */
final class StoreThread {

    private static final long JOIN_MILLIS = TimeUnit.SECONDS.toMillis(30);

    private final String name;
    private final Runnable loop;
    private volatile boolean running;
    private volatile Thread thread;

    StoreThread(String name, Runnable loop) {
        this.name = name;
        this.loop = loop;
    }

    void start() {
        running = true;
        Thread t = new Thread(loop, name);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    boolean isRunning() {
        return running;
    }

    /** Ends a park of the thread (or makes its next park return at once), so a wake-up is never lost. */
    void wake() {
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Clears the running flag, wakes the thread and waits (bounded) for its loop to return. */
    void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }
}
