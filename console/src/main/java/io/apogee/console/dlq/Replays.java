package io.apogee.console.dlq;

import io.apogee.tools.admin.AdminClient;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The replays of this console: starts each on its own daemon thread, finds them for their pages, keeps the last
 * {@value #KEPT} (dropping the oldest finished ones), and stops the running ones on {@link #close()} (interrupt,
 * then a bounded wait).
 *
 * <p>Thread-safe: every method holds this object's lock, except the waiting in {@link #close()}.
 */
final class Replays implements AutoCloseable {

    static final int KEPT = 100;
    private static final long STOP_WAIT_MILLIS = 5_000;

    private final AdminClient admin;
    private final Map<Long, Thread> threads = new LinkedHashMap<>();
    private final Map<Long, ReplayJob> jobs = new LinkedHashMap<>();
    private long lastId;
    private boolean closed;

    Replays(AdminClient admin) {
        this.admin = admin;
    }

    /** Starts replaying {@code spans} of {@code %DLQ%<group>} at {@code rate} a second. */
    synchronized ReplayJob start(String group, List<QueueSpan> spans, int rate, Consumer<String> onEnd) {
        if (closed) {
            throw new IllegalStateException("the console is stopping");
        }
        forgetOldest();
        ReplayJob job = new ReplayJob(++lastId, group, spans, rate, admin, onEnd);
        Thread thread = new Thread(job, "apogee-console-replay-" + job.id());
        thread.setDaemon(true);
        jobs.put(job.id(), job);
        threads.put(job.id(), thread);
        thread.start();
        return job;
    }

    /** The replay numbered {@code id}, if it belongs to {@code group} and is still kept. */
    synchronized Optional<ReplayJob> find(String group, long id) {
        return Optional.ofNullable(jobs.get(id)).filter(job -> job.group().equals(group));
    }

    /** The kept replays of {@code group}, newest first. */
    synchronized List<ReplayProgress> of(String group) {
        List<ReplayProgress> found = new ArrayList<>();
        for (ReplayJob job : jobs.values()) {
            if (job.group().equals(group)) {
                found.add(0, job.progress());
            }
        }
        return found;
    }

    private void forgetOldest() {
        Iterator<Map.Entry<Long, ReplayJob>> it = jobs.entrySet().iterator();
        while (jobs.size() >= KEPT && it.hasNext()) {
            Map.Entry<Long, ReplayJob> oldest = it.next();
            if (!oldest.getValue().progress().running()) {
                it.remove();
                threads.remove(oldest.getKey());
            }
        }
    }

    @Override
    public void close() {
        List<Thread> running;
        synchronized (this) {
            closed = true;
            running = new ArrayList<>(threads.values());
        }
        running.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_WAIT_MILLIS);
        for (Thread thread : running) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            try {
                thread.join(Math.max(1, left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
