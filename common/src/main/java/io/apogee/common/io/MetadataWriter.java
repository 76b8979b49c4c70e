package io.apogee.common.io;

import io.apogee.common.DaemonScheduler;
import io.apogee.common.ExecutorStop;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * Writes a server's small metadata files ({@link ConfigFile}: topics, subscription groups, ...) on one background
 * thread, so that threads which must never block — Netty I/O threads, which run the send path — can change
 * metadata and still learn when the change is on disk.
 *
 * <p>Each file is {@link #register registered} with a supplier of its whole content. {@link File#write()} asks for
 * the file to be rewritten and returns a future that completes once a write that <i>started after the request</i>
 * has reached the disk (temp file, fsync, rename, directory fsync), or fails with a {@link MetadataWriteException}
 * naming the file. Requests made while a write is queued share it: one write serves every change made before it
 * started, however many there were (group commit).
 *
 * <p>Thread-safe: any thread may request writes; the content suppliers run on the writer thread and must read
 * their table's state safely. {@link #close()} finishes queued writes, then stops the thread.
 */
public final class MetadataWriter implements AutoCloseable {

    private final ExecutorService thread;

    /** A writer with its own daemon thread called {@code threadName}. */
    public MetadataWriter(String threadName) {
        this(DaemonScheduler.named(threadName));
    }

    /** A writer running on {@code thread} (a single-threaded executor; tests pass one they control). */
    public MetadataWriter(ExecutorService thread) {
        this.thread = thread;
    }

    /** Registers {@code file}, whose content at the time of each write is {@code content.get()}. */
    public File register(ConfigFile file, Supplier<byte[]> content) {
        return new File(file, content);
    }

    /** Writes what is queued, then stops the writer thread. */
    @Override
    public void close() {
        ExecutorStop.gracefully(thread);
    }

    /**
     * One registered file.
     *
     * <p>Thread-safe: the queued write is guarded by this object's monitor.
     */
    public final class File {

        private final ConfigFile file;
        private final Supplier<byte[]> content;
        private CompletableFuture<Void> queued;

        private File(ConfigFile file, Supplier<byte[]> content) {
            this.file = file;
            this.content = content;
        }

        /** Asks for a rewrite; the future completes once the content as of now (or later) is on disk. */
        public synchronized CompletableFuture<Void> write() {
            if (queued == null) {
                queued = new CompletableFuture<>();
                thread.execute(this::writeNow);
            }
            return queued;
        }

        /** Writes synchronously on the calling thread (start-up, before other threads use the file). */
        public void writeNowOrThrow() throws IOException {
            file.write(content.get());
        }

        public ConfigFile file() {
            return file;
        }

        private void writeNow() {
            CompletableFuture<Void> done;
            synchronized (this) {
                done = queued;
                queued = null;
            }
            try {
                file.write(content.get());
                done.complete(null);
            } catch (IOException | RuntimeException e) {
                done.completeExceptionally(new MetadataWriteException(file.path(), e));
            }
        }
    }
}
