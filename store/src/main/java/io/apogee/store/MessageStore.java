package io.apogee.store;

import io.apogee.common.Lifecycle;
import io.apogee.common.message.MessageProperties;
import io.apogee.store.index.IndexHits;
import io.apogee.store.index.MessageIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * The message store: one commit log holding every message, a consume queue per (topic, queueId) indexing
 * it, a checkpoint and an abort marker. Knows nothing about the broker or the wire protocol.
 *
 * <h2>Directory layout (defaults under {@code storePathRootDir})</h2>
 * <pre>
 * commitlog/&lt;20-digit start offset&gt;                 records, see {@link StoredMessage} and {@link CommitLog}
 * consumequeue/&lt;topic&gt;/&lt;queueId&gt;/&lt;20-digit byte offset&gt;  20-byte units, see {@link ConsumeQueue}
 * index/&lt;yyyyMMddHHmmssSSS&gt;                     message index by key, see {@link io.apogee.store.index.IndexFile}
 * checkpoint                                        one 4 KiB page, see {@link StoreCheckpoint}
 * abort                                             exists while the store runs; present at start = crash
 * lock                                              OS file lock held while the store runs
 * config/                                           left to the broker's metadata files
 * </pre>
 *
 * <h2>Threads</h2>
 * <ul>
 *   <li>Callers of {@link #put}/{@link #putBatch} (any threads) append under the commit-log lock, then wake
 *       the dispatcher; under SYNC_FLUSH or on a SYNC_MASTER their future completes on another thread (the
 *       flusher, an HA reader or a time-out timer), except for a draft that does not wait
 *       ({@link MessageDraft#waitStoreMsgOK}): its future is complete when the put returns.</li>
 *   <li>"apogee-dispatch" follows the commit log, writes consume-queue units, calls the arrival
 *       listener and adds the record's keys to the message index.</li>
 *   <li>"apogee-flush-commitlog" forces the commit log (periodically, or group commit under SYNC_FLUSH).</li>
 *   <li>"apogee-flush-consumequeue" forces consume queues and the message index and writes the checkpoint.</li>
 *   <li>"apogee-space" keeps the commit log's next bytes allocated on disk ahead of the appender and checks
 *       the disk every few hundred ms ({@link CommitLogSpace}).</li>
 *   <li>Replication ({@link Replication}, {@code io.apogee.store.ha}): a master's "apogee-ha-accept" plus a sender
 *       and a reader thread per slave; a slave's "apogee-ha-client", which appends the master's bytes to the commit
 *       log under the append lock and wakes the dispatcher.</li>
 *   <li>"apogee-clean" every {@code cleanResourceInterval} ms deletes old commit-log and consume-queue files
 *       ({@link CleanupService}).</li>
 *   <li>Callers of {@link #get} and the other reads (any threads) read without locks.</li>
 * </ul>
 * Shared state is published through volatile offsets: the commit-log write offset (records below it are
 * complete), each queue's max offset (units below it are complete), the dispatched and flushed offsets.
 * A writer always writes the bytes first and raises the offset after, so a reader that reads the offset
 * first sees complete data. {@link #start()} and {@link #close()} must be called by one owner thread.
 */
public final class MessageStore implements Lifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(MessageStore.class);
    private static final int HINT_CAPACITY = 1 << 16;
    /** Longest an admin deletion waits for the dispatcher to index what was appended before it. */
    private static final long DISPATCH_WAIT_MILLIS = 3_000;
    private static final PutResult SLAVE_REFUSES = PutResult.failure(PutStatus.SERVICE_NOT_AVAILABLE,
            "the store of a SLAVE broker does not accept messages");

    private final MessageStoreConfig config;
    private final ConsumeQueueTable queues;
    private final CommitLog commitLog;
    private final Dispatcher dispatcher;
    private final CommitLogFlusher commitLogFlusher;
    private final ConsumeQueueFlusher consumeQueueFlusher;
    private final QueueReader reader;
    private final MessageIndex index;
    private final CleanupService cleanup;
    private final Replication replication;
    private final StoreHealth health = new StoreHealth();
    private StoreLock lock;
    private volatile boolean running;
    private boolean closed;

    public MessageStore(MessageStoreConfig config) {
        this(config, DiskUsage.fileStore(), Clock.systemDefaultZone());
    }

    /** With the disk-usage reader and the clock (hours of {@code deleteWhen}, file ages) given; for tests. */
    MessageStore(MessageStoreConfig config, DiskUsage diskUsage, Clock clock) {
        config.validate();
        this.config = config;
        this.queues = new ConsumeQueueTable(config.consumeQueueDir(), config.consumeQueueFileSize());
        DispatchHints hints = new DispatchHints(HINT_CAPACITY);
        DiskSpaceGuard guard = new DiskSpaceGuard(config.commitLogDir(), config.diskSpaceWarningLevelRatio);
        this.commitLog = new CommitLog(new MappedFileQueue(config.commitLogDir(), config.mapedFileSizeCommitLog),
                new DraftCheck(config.maxMessageSize, config.mapedFileSizeCommitLog, queues), queues, hints,
                CommitLogSpace.Settings.of(config, diskUsage, guard), health);
        this.index = new MessageIndex(config.indexDir(), config.messageIndexEnable, config.maxHashSlotNum,
                config.maxIndexNum, config.diskFreeReserveBytes, clock);
        this.dispatcher = new Dispatcher(commitLog, queues, hints, health, index);
        this.commitLogFlusher = new CommitLogFlusher(commitLog, config);
        this.consumeQueueFlusher = new ConsumeQueueFlusher(queues, dispatcher, commitLogFlusher, commitLog, index,
                config);
        this.reader = new QueueReader(commitLog, queues);
        this.replication = new Replication(config, commitLog, dispatcher, commitLogFlusher);
        this.cleanup = new CleanupService(config, commitLog, queues, index,
                () -> Math.min(dispatcher.dispatchedOffset(), commitLogFlusher.flushedOffset()), diskUsage, guard,
                clock);
    }

    public MessageStoreConfig config() {
        return config;
    }

    /** Takes the lock file, recovers the logs, starts the threads and creates the abort file. */
    @Override
    public void start() throws IOException {
        if (running || closed) {
            throw new IllegalStateException("a message store can be started only once");
        }
        Files.createDirectories(config.commitLogDir());
        Files.createDirectories(config.consumeQueueDir());
        lock = StoreLock.acquire(config.lockPath());
        try {
            Path abort = config.abortPath();
            boolean crashed = Files.exists(abort);
            commitLog.files().load();
            queues.load();
            StoreCheckpoint checkpoint = StoreCheckpoint.read(config.checkpointPath());
            index.load();
            index.recover(checkpoint.index(), crashed);
            long end = new StoreRecovery(commitLog, queues, dispatcher, health).recover(checkpoint, crashed);
            index.truncateTo(end);
            commitLogFlusher.recovered(end);
            Files.createDirectories(abort.toAbsolutePath().getParent());
            Files.write(abort, new byte[0]);
            cleanup.checkDisk();
            commitLog.space().recovered(end);
            commitLog.space().prepareNow();
            commitLog.space().start();
            dispatcher.start();
            commitLogFlusher.start();
            consumeQueueFlusher.start();
            cleanup.start();
            replication.start();
            commitLog.accepting(true);
            running = true;
            LOG.info("message store started at {} ({}, {}), commit log ends at {}", config.storePathRootDir,
                    config.flushDiskType, config.brokerRole, end);
        } catch (IOException | RuntimeException e) {
            shutdownAfterFailedStart();
            throw e;
        }
    }

    /** Stops appends, lets the dispatcher catch up, flushes everything, writes the checkpoint, deletes abort. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!running) {
            shutdownAfterFailedStart();
            return;
        }
        running = false;
        commitLog.accepting(false);
        replication.close();
        cleanup.stop();
        commitLog.space().stop();
        try {
            dispatcher.stop();
            commitLogFlusher.stop();
            consumeQueueFlusher.stop();
            consumeQueueFlusher.flushAndCheckpoint();
            Files.deleteIfExists(config.abortPath());
        } catch (IOException e) {
            LOG.error("message store did not shut down cleanly; the next start will run crash recovery", e);
        } finally {
            queues.forEach(ConsumeQueue::close);
            index.close();
            commitLog.close();
            lock.close();
        }
        LOG.info("message store at {} closed, commit log ends at {}", config.storePathRootDir,
                commitLog.writeOffset());
    }

    private void shutdownAfterFailedStart() {
        replication.close();
        cleanup.stop();
        commitLog.space().stop();
        dispatcher.stopThread();
        commitLogFlusher.stop();
        consumeQueueFlusher.stop();
        queues.forEach(ConsumeQueue::close);
        index.close();
        commitLog.close();
        if (lock != null) {
            lock.close();
        }
        closed = true;
    }

    /**
     * Appends one message. See {@link PutResult} for the outcome; the future never completes exceptionally.
     * While the disk is full — above {@code diskSpaceWarningLevelRatio}, or no commit-log space can be allocated
     * beyond {@code diskFreeReserveBytes} — the answer is SERVICE_NOT_AVAILABLE with a reason naming the
     * partition and its free space; puts resume by themselves once space is freed.
     *
     * <p>Under SYNC_FLUSH the answer waits for the force to disk, on a SYNC_MASTER also for a slave holding the
     * record (PutResult names the statuses when they do not come in time) — unless the draft's
     * {@link MessageDraft#waitStoreMsgOK} is false: then it is PUT_OK as soon as the record is appended (Apache's
     * {@code WAIT=false}).
     */
    public CompletableFuture<PutResult> put(MessageDraft message) {
        PutResult refused = refusal();
        if (refused != null) {
            return CompletableFuture.completedFuture(refused);
        }
        return afterAppend(commitLog.append(message), message.waitStoreMsgOK);
    }

    /**
     * Appends messages of one topic and queue as consecutive records (consecutive queue offsets) in one file.
     * Answers as {@link #put}, for the whole batch; the first draft's {@link MessageDraft#waitStoreMsgOK} decides
     * whether it waits for the force and the slave, as in Apache.
     */
    public CompletableFuture<PutResult> putBatch(List<MessageDraft> messages) {
        PutResult refused = refusal();
        if (refused != null) {
            return CompletableFuture.completedFuture(refused);
        }
        boolean waitStoreMsgOK = messages.isEmpty() || messages.get(0).waitStoreMsgOK;
        return afterAppend(commitLog.appendBatch(messages), waitStoreMsgOK);
    }

    /** Why puts are refused right now (slave, disk full), or null when they may proceed. */
    private PutResult refusal() {
        return config.brokerRole == BrokerRole.SLAVE ? SLAVE_REFUSES : cleanup.guard().refusal();
    }

    /**
     * After an append: wakes the dispatcher and the HA senders, then, when {@code waitStoreMsgOK}, waits for the
     * force (SYNC_FLUSH) and the slave (SYNC_MASTER); without it the records are forced and shipped on the usual
     * schedule while the caller already has its PUT_OK.
     */
    private CompletableFuture<PutResult> afterAppend(PutResult appended, boolean waitStoreMsgOK) {
        if (!appended.isOk()) {
            return CompletableFuture.completedFuture(appended);
        }
        dispatcher.wake();
        replication.appended();
        if (!waitStoreMsgOK) {
            return CompletableFuture.completedFuture(appended);
        }
        CompletableFuture<PutResult> durable = commitLogFlusher.durable(appended);
        if (config.brokerRole != BrokerRole.SYNC_MASTER) {
            return durable;
        }
        // both guarantees are waited for; a missed replication is reported first, as Apache does
        return durable.thenCombine(replication.replicated(appended),
                (flushed, replicated) -> replicated.isOk() ? flushed : replicated);
    }

    /** The HA port this master listens on for slaves (-1 on a slave). */
    public int haPort() {
        return replication.port();
    }

    /** Number of slaves replicating from this master. */
    public int haSlaveCount() {
        return replication.slaveCount();
    }

    /**
     * Master: the highest commit-log offset a slave confirmed holding (-1 when none is connected). Slave: the end of
     * the bytes received from the master.
     */
    public long haReplicatedOffset() {
        return replication.replicatedOffset();
    }

    /**
     * Slave: the master's HA address ({@code host:port}) learnt from the name server; ignored when
     * {@code haMasterAddress} is configured, and on a master.
     */
    public void haMasterAddress(String address) {
        replication.masterAddress(address);
    }

    /** Reads up to {@code maxMsgNums} dispatched messages of a queue from {@code offset}. */
    public GetResult get(String topic, int queueId, long offset, int maxMsgNums, int maxTotalBytes,
                         MessageFilter filter) {
        return reader.get(topic, queueId, offset, maxMsgNums, maxTotalBytes, filter);
    }

    /** Next logical offset to be dispatched in the queue (0 when empty or unknown). */
    public long maxOffsetInQueue(String topic, int queueId) {
        ConsumeQueue q = queues.find(topic, queueId);
        return q == null ? 0 : q.maxOffset();
    }

    /**
     * First logical offset of the queue whose message is still stored (0 when unknown); a {@link #get} below
     * it answers OFFSET_TOO_SMALL with this offset as {@code nextBeginOffset}.
     */
    public long minOffsetInQueue(String topic, int queueId) {
        ConsumeQueue q = queues.find(topic, queueId);
        return q == null ? 0 : q.minOffset();
    }

    /** First offset whose message was stored at or after {@code timestampMillis}; the max offset when none. */
    public long offsetInQueueByTime(String topic, int queueId, long timestampMillis) {
        return reader.offsetByTime(topic, queueId, timestampMillis);
    }

    /** Store time of the oldest message in the queue, or -1 when there is none. */
    public long earliestMessageTime(String topic, int queueId) {
        return reader.earliestTime(topic, queueId);
    }

    /** A heap copy of the record at this commit-log offset, or null when no record starts there. */
    public ByteBuffer lookMessageByOffset(long commitLogOffset) {
        return commitLog.copyRecord(commitLogOffset);
    }

    /**
     * Commit-log offsets of the messages of {@code topic} stored in [begin, end] (ms) whose UNIQ_KEY is {@code key}
     * or whose KEYS contain it, newest first, at most {@code maxNum}, from the message index; each candidate is
     * checked against its record (index hash collisions and the index's one-second time resolution are filtered
     * out). Also answers the index's last update (store time and commit-log offset of the newest indexed record).
     */
    public IndexHits queryMessage(String topic, String key, int maxNum, long begin, long end) {
        return index.query(topic, key, false, maxNum, begin, end,
                offset -> isIndexedUnder(offset, topic, key, false, begin, end));
    }

    /** As {@link #queryMessage}, for the messages of {@code topic} whose TAGS is {@code tag}. */
    public IndexHits queryMessageByTag(String topic, String tag, int maxNum, long begin, long end) {
        return index.query(topic, tag, true, maxNum, begin, end,
                offset -> isIndexedUnder(offset, topic, tag, true, begin, end));
    }

    private boolean isIndexedUnder(long offset, String topic, String key, boolean tag, long begin, long end) {
        ByteBuffer record = commitLog.copyRecord(offset);
        if (record == null || !topic.equals(StoredMessage.topic(record))) {
            return false;
        }
        long stored = StoredMessage.storeTimestamp(record);
        if (stored < begin || stored > end) {
            return false;
        }
        String props = StoredMessage.properties(record);
        if (tag) {
            return key.equals(MessageProperties.valueOf(props, MessageProperties.TAGS));
        }
        String keys = MessageProperties.valueOf(props, MessageProperties.KEYS);
        return key.equals(MessageProperties.valueOf(props, MessageProperties.UNIQ_KEY))
                || keys != null && Arrays.asList(keys.split(" ")).contains(key);
    }

    /** Listener called on the dispatcher thread after each consume-queue unit is written. */
    public void setArrivalListener(MessageArrivalListener listener) {
        dispatcher.listener(listener);
    }

    /** Who is told when cleanup deletes messages of a queue (the store's default tells no one). */
    public void setTrimListener(QueueTrimListener listener) {
        cleanup.setTrimListener(listener);
    }

    /** Offset after the last appended record. */
    public long commitLogMaxOffset() {
        return commitLog.writeOffset();
    }

    /** Offset of the oldest commit-log byte still on disk. */
    public long commitLogMinOffset() {
        return commitLog.minOffset();
    }

    /** Commit-log offset below which every record is in its consume queue (and visible to {@link #get}). */
    public long dispatchedOffset() {
        return dispatcher.dispatchedOffset();
    }

    /**
     * Waits, at most {@code timeoutMillis}, until every record appended before this call is in the consume queues
     * (the dispatcher trails the appends, by longer while it creates an index file). For worker threads, never
     * a Netty I/O thread.
     *
     * @return true once dispatching has caught up; false on time-out or when dispatching has stopped
     */
    public boolean awaitDispatch(long timeoutMillis) {
        long target = commitLog.writeOffset();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (dispatcher.dispatchedOffset() < target) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        return true;
    }

    /** Commit-log offset below which everything has been forced to disk. */
    public long flushedOffset() {
        return commitLogFlusher.flushedOffset();
    }

    /** Number of commit-log forces so far (shows group commit at work). */
    public long flushCount() {
        return commitLogFlusher.flushCount();
    }

    /**
     * Admin (DELETE_TOPIC_IN_BROKER, CLEAN_UNUSED_TOPIC): deletes every consume queue of {@code topic}, once the
     * dispatcher has indexed what was appended before the call (waiting at most {@link #DISPATCH_WAIT_MILLIS});
     * its records stay in the commit log until cleanup deletes their files. Blocks: call from a worker thread.
     *
     * @return number of queues deleted
     */
    public int deleteTopicQueues(String topic) throws IOException {
        awaitDispatch(DISPATCH_WAIT_MILLIS);
        return queues.deleteTopic(topic);
    }

    /**
     * Admin (CLEAN_EXPIRED_CONSUMEQUEUE): deletes the queues whose every record cleanup already deleted (the last
     * unit points below the commit-log min offset), skipping topics {@code keep} accepts.
     *
     * @return "topic/queueId" of every queue deleted
     */
    public List<String> deleteExpiredQueues(Predicate<String> keep) throws IOException {
        awaitDispatch(DISPATCH_WAIT_MILLIS);
        long min = commitLog.minOffset();
        List<String> deleted = new ArrayList<>();
        for (ConsumeQueue q : queues.all()) {
            long end = ConsumeQueueTable.lastRecordEnd(q);
            if (!keep.test(q.topic()) && end >= 0 && end <= min && queues.deleteQueue(q.topic(), q.queueId())) {
                deleted.add(q.topic() + "/" + q.queueId());
            }
        }
        return deleted;
    }

    /** Names of the topics that have consume queues. */
    public Set<String> queueTopics() {
        return queues.topics();
    }

    /** True when the queue exists (something was stored in it and it was not deleted). */
    public boolean hasQueue(String topic, int queueId) {
        return queues.find(topic, queueId) != null;
    }

    /** Admin (QUERY_CONSUME_QUEUE): up to {@code count} raw units of a queue from logical offset {@code from}. */
    public List<QueueUnit> queueUnits(String topic, int queueId, long from, int count) {
        return queues.units(topic, queueId, from, count);
    }

    /** What has gone wrong since start (write faults, a stopped dispatcher, damage skipped by recovery). */
    public StoreHealth health() {
        return health;
    }

    /** Test hook: runs one cleanup round (file deletion and disk check) on the caller's thread. */
    void cleanNow() {
        cleanup.runRound();
    }

    /** Test hook: stalls (true) or resumes (false) the commit-log flusher. */
    void stallFlusher(boolean stall) {
        commitLogFlusher.stall(stall);
    }
}
