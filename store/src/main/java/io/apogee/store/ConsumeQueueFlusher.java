package io.apogee.store;

import io.apogee.store.index.IndexCheckpoint;
import io.apogee.store.index.MessageIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Every {@code flushIntervalConsumeQueue} ms forces all consume queues and the message index and then rewrites the
 * checkpoint (thread "apogee-flush-consumequeue").
 *
 * <p>The dispatched offset written to the checkpoint is read <em>before</em> the queues are forced, so the
 * checkpoint never claims units that are not on disk; the index is snapshot after that read and then forced
 * ({@link MessageIndex#checkpoint}: periodic rounds force it only every few seconds, the final round always), and
 * the checkpoint records the offset below which that forced snapshot covers every record.
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
    private final MessageIndex index;
    private final Path checkpointPath;
    private final long intervalNanos;
    private final StoreThread worker = new StoreThread("apogee-flush-consumequeue", this);

    ConsumeQueueFlusher(ConsumeQueueTable queues, Dispatcher dispatcher, CommitLogFlusher commitLogFlusher,
                        CommitLog commitLog, MessageIndex index, MessageStoreConfig config) {
        this.queues = queues;
        this.dispatcher = dispatcher;
        this.commitLogFlusher = commitLogFlusher;
        this.commitLog = commitLog;
        this.index = index;
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
                flushAndCheckpoint(false);
            } catch (Throwable e) {
                LOG.error("consume-queue flush or checkpoint failed", e);
            }
        }
    }

    /** Forces every consume queue and the index, then writes the checkpoint (the final round at close). */
    void flushAndCheckpoint() throws IOException {
        flushAndCheckpoint(true);
    }

    private void flushAndCheckpoint(boolean forceIndex) throws IOException {
        long physicTimestamp = commitLog.lastStoreTimestamp();
        long flushed = commitLogFlusher.flushedOffset();
        long dispatched = dispatcher.dispatchedOffset();
        long logicsTimestamp = dispatcher.lastStoreTimestamp();
        queues.forEach(ConsumeQueue::flush);
        IndexCheckpoint indexed = forceIndex ? index.flush(dispatched) : index.checkpoint(dispatched);
        new StoreCheckpoint(physicTimestamp, logicsTimestamp, flushed, dispatched, indexed).write(checkpointPath);
    }
}
