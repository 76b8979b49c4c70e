package io.apogee.remoting;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The requests one connection has sent and not yet seen answered, keyed by opaque.
 *
 * <p>Each entry completes exactly once: with the response carrying its opaque, with
 * {@link RemotingException.Kind#TIMEOUT} when its deadline (a task on the connection's event loop) fires
 * first, or with a failure when the send fails or the connection closes. Futures complete on the thread
 * that resolves them, usually an I/O thread: callers must not block in non-async callbacks.
 *
 * <p>Thread-safe: a concurrent map; every path removes the entry with an atomic remove before completing.
 */
final class PendingResponses {

    /** One waiting request. The timer is set after the entry is published; a missed cancel is harmless. */
    private static final class Entry {
        final int requestCode;
        final long timeoutMillis;
        final CompletableFuture<RemotingCommand> future = new CompletableFuture<>();
        volatile ScheduledFuture<?> timer;

        Entry(int requestCode, long timeoutMillis) {
            this.requestCode = requestCode;
            this.timeoutMillis = timeoutMillis;
        }
    }

    private final Map<Integer, Entry> entries = new ConcurrentHashMap<>();
    private final String peer;

    PendingResponses(String peer) {
        this.peer = peer;
    }

    /** Registers a request and arms its deadline on {@code scheduler}. */
    CompletableFuture<RemotingCommand> register(int opaque, int requestCode, long timeoutMillis,
                                                ScheduledExecutorService scheduler) {
        Entry entry = new Entry(requestCode, timeoutMillis);
        entries.put(opaque, entry);
        entry.timer = scheduler.schedule(() -> expire(opaque, entry), timeoutMillis, TimeUnit.MILLISECONDS);
        return entry.future;
    }

    /** Completes the request {@code response} answers; false when no request waits for its opaque. */
    boolean complete(RemotingCommand response) {
        Entry entry = entries.remove(response.opaque());
        if (entry == null) {
            return false;
        }
        cancelTimer(entry);
        entry.future.complete(response);
        return true;
    }

    /** Fails one request, if it still waits. */
    void fail(int opaque, RemotingException cause) {
        Entry entry = entries.remove(opaque);
        if (entry != null) {
            cancelTimer(entry);
            entry.future.completeExceptionally(cause);
        }
    }

    /** Fails every waiting request with {@link RemotingException.Kind#CHANNEL_CLOSED}. */
    void failAllClosed() {
        for (Integer opaque : entries.keySet()) {
            Entry entry = entries.remove(opaque);
            if (entry != null) {
                cancelTimer(entry);
                entry.future.completeExceptionally(new RemotingException(RemotingException.Kind.CHANNEL_CLOSED,
                        "connection to " + peer + " closed before request code " + entry.requestCode
                                + " (opaque " + opaque + ") was answered"));
            }
        }
    }

    int size() {
        return entries.size();
    }

    private void expire(int opaque, Entry entry) {
        if (entries.remove(opaque, entry)) {
            entry.future.completeExceptionally(new RemotingException(RemotingException.Kind.TIMEOUT,
                    "request code " + entry.requestCode + " (opaque " + opaque + ") to " + peer
                            + " not answered within " + entry.timeoutMillis + " ms"));
        }
    }

    private static void cancelTimer(Entry entry) {
        ScheduledFuture<?> timer = entry.timer;
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
