package io.apogee.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Every {@code flushIntervalConsumeQueue} ms forces all consume queues and then rewrites the checkpoint
 * (thread "apogee-flush-consumequeue").
 *
 * <p>The dispatched offset written to the checkpoint is read <em>before</em> the queues are forced, so the
 * checkpoint never claims units that are not on disk.
 *
 * <p>Threads: only its own thread runs {@link #flushAndCheckpoint()} while running; {@link #stop()} joins
 * it before the final round runs on the caller's thread.
 */
final class ConsumeQueueFlusher implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumeQueueFlusher.class);

    private final ConsumeQueueTable queues;
    private final Dispatcher dispatcher;
    private final CommitLogFlusher commitLogFlusher;
    private final CommitLog commitLog;
    private final Path checkpointPath;
    private final long intervalNanos;
    private final StoreThread worker = new StoreThread("apogee-flush-consumequeue", this);

    ConsumeQueueFlusher(ConsumeQueueTable queues, Dispatcher dispatcher, CommitLogFlusher commitLogFlusher,
                        CommitLog commitLog, MessageStoreConfig config) {
        this.queues = queues;
        this.dispatcher = dispatcher;
        this.commitLogFlusher = commitLogFlusher;
        this.commitLog = commitLog;
        this.checkpointPath = config.checkpointPath();
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(config.flushIntervalConsumeQueue);
    }

    void start() {
        worker.start();
    }

    void stop() {
        worker.stop();
    }

    @Override
    public void run() {
        while (worker.isRunning()) {
            LockSupport.parkNanos(this, intervalNanos);
            try {
                flushAndCheckpoint();
            } catch (Throwable e) {
                LOG.error("consume-queue flush or checkpoint failed", e);
            }
        }
    }

    /** Forces every consume queue, then writes the checkpoint. */
    void flushAndCheckpoint() throws IOException {
        long physicTimestamp = commitLog.lastStoreTimestamp();
        long flushed = commitLogFlusher.flushedOffset();
        long dispatched = dispatcher.dispatchedOffset();
        long logicsTimestamp = dispatcher.lastStoreTimestamp();
        queues.forEach(ConsumeQueue::flush);
        new StoreCheckpoint(physicTimestamp, logicsTimestamp, flushed, dispatched).write(checkpointPath);
    }
}
