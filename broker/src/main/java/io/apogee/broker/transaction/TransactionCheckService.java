package io.apogee.broker.transaction;

import io.apogee.common.text.ClientText;
import io.apogee.common.DaemonScheduler;
import io.apogee.common.ExecutorStop;
import io.apogee.broker.client.ClientConnection;
import io.apogee.broker.client.ClientTable;
import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.stats.BrokerStats;
import io.apogee.common.message.OffsetMsgId;
import io.apogee.broker.topic.SystemTopics;
import io.apogee.broker.topic.TopicTable;
import io.apogee.common.Lifecycle;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.body.TopicConfig;
import io.apogee.store.GetResult;
import io.apogee.store.GetStatus;
import io.apogee.store.MessageStore;
import io.apogee.store.PutResult;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks producers about half messages nobody ended (docs/protocol/04-producer.md §7.3). Every
 * {@code transactionCheckInterval} ms it scans {@code RMQ_SYS_TRANS_HALF_TOPIC} queue 0 from the persisted
 * {@link CheckProgress} offset up to the queue end as of the pass start. Per half message, in queue order:
 * <ol>
 *   <li>settled ({@link TransactionBook}) or without a usable REAL_TOPIC: skipped;</li>
 *   <li>stored less than {@code transactionTimeOut} ms ago: the pass ends here (later ones are younger);</li>
 *   <li>first check still inside its {@code CHECK_IMMUNITY_TIME_IN_SECONDS}: re-appended unchanged (moves
 *       to the queue end so it does not hold back the scan);</li>
 *   <li>already checked {@code transactionCheckMax} times: discarded — copied to
 *       {@code TRANS_CHECK_MAX_TIME_TOPIC} queue 0, settled with an op record, logged;</li>
 *   <li>otherwise re-appended with {@code TRANSACTION_CHECK_TIMES} + 1 and CHECK_TRANSACTION_STATE (39,
 *       oneway) is sent to one live connection of its {@code PGROUP} about that copy: headers
 *       {@code tranStateTableOffset}, {@code commitLogOffset}, {@code msgId}, {@code transactionId},
 *       {@code offsetMsgId}, {@code topic} (the half topic, as the Apache broker sends it), {@code bname}; body
 *       {@link CheckRequestBody} (real topic and queue). Without a live connection the check still counts.</li>
 * </ol>
 * The re-appended copy is the re-check counter (RocketMQ's approach), so counts survive restarts; the scan
 * offset is written after each pass and at {@link #close()}. A crash between a re-append and the offset write
 * checks that half once more (a harmless extra question). A failed re-append ends the pass (retried next time).
 * As in Apache, only the copies of step 5 count as puts of the half topic in {@link BrokerStats}; immunity
 * re-appends and discarded copies are stored uncounted.
 *
 * <p>Thread-safe: scans and offset writes run on one scheduler thread; {@link #start()} and {@link #close()}
 * are synchronized; {@link #checkNow()} only schedules a pass on that thread.
 */
public final class TransactionCheckService implements Lifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionCheckService.class);
    private static final int BATCH = 32;
    private static final int MAX_BATCH_BYTES = 4 * 1024 * 1024;
    private static final int PERM_RW = TopicConfig.PERM_READ | TopicConfig.PERM_WRITE;

    private final BrokerConfig config;
    private final MessageStore store;
    private final TopicTable topics;
    private final TransactionBook book;
    private final ClientTable clients;
    private final InetSocketAddress storeHost;
    private final BrokerStats stats;
    private final OffsetMsgId offsetMsgId;
    private final CheckProgress progress;
    private final ScheduledExecutorService executor = DaemonScheduler.named("transaction-check-service");
    private volatile boolean stopped;
    private boolean started;

    /** A service counting each checked copy it appends as a put of the half topic in {@code stats}. */
    public TransactionCheckService(BrokerConfig config, Path configDir, MessageStore store, TopicTable topics,
                                   TransactionBook book, ClientTable clients, InetSocketAddress storeHost,
                                   BrokerStats stats) {
        this.config = config;
        this.store = store;
        this.topics = topics;
        this.book = book;
        this.clients = clients;
        this.storeHost = storeHost;
        this.stats = stats;
        this.offsetMsgId = new OffsetMsgId(storeHost);
        this.progress = new CheckProgress(configDir);
    }

    /** Loads the scan offset, rebuilds the settled transactions, starts the periodic scan. */
    @Override
    public synchronized void start() {
        if (started || stopped) {
            return;
        }
        started = true;
        progress.load();
        book.load(progress.offset());
        executor.scheduleWithFixedDelay(this::pass, config.transactionCheckInterval, config.transactionCheckInterval,
                TimeUnit.MILLISECONDS);
    }

    /** Runs a scan soon, outside the schedule (admin and tests). */
    public void checkNow() {
        if (!stopped) {
            executor.execute(this::pass);
        }
    }

    /** The next half-queue offset to scan. */
    public long checkOffset() {
        return progress.offset();
    }

    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        ExecutorStop.gracefully(executor);
        if (started) {
            flushQuietly();
        }
    }

    private void pass() {
        try {
            long now = System.currentTimeMillis();
            long end = store.maxOffsetInQueue(HalfParking.TOPIC, HalfParking.QUEUE_ID);
            long offset = scan(Math.max(progress.offset(), store.minOffsetInQueue(HalfParking.TOPIC,
                    HalfParking.QUEUE_ID)), end, now);
            progress.update(offset);
            book.forgetBelow(offset);
            flushQuietly();
        } catch (Throwable t) {
            LOG.error("transaction check pass failed", t);
        }
    }

    /** Handles half messages from {@code offset} below {@code end}; returns the next offset to scan. */
    private long scan(long offset, long end, long now) {
        while (offset < end && !stopped) {
            GetResult r = store.get(HalfParking.TOPIC, HalfParking.QUEUE_ID, offset, BATCH, MAX_BATCH_BYTES, null);
            try {
                if (r.status() != GetStatus.FOUND) {
                    if (r.nextBeginOffset() <= offset) {
                        return offset;
                    }
                    LOG.warn("half queue offset {} is {}, moving to {}", offset, r.status(), r.nextBeginOffset());
                    offset = r.nextBeginOffset();
                    continue;
                }
                for (ByteBuffer record : r.records()) {
                    HalfMessage half = HalfMessage.of(record);
                    if (half.halfOffset() >= end || !handle(half, now)) {
                        return offset;
                    }
                    offset = half.halfOffset() + 1;
                }
            } finally {
                r.release();
            }
        }
        return offset;
    }

    /** Handles one half message; false when the scan must stop before it. */
    private boolean handle(HalfMessage half, long now) {
        String id = half.transactionId();
        if (book.isSettled(id)) {
            return true;
        }
        if (half.realTopic() == null) {
            LOG.error("half message at commit-log offset {} has no usable REAL_TOPIC/REAL_QID; never checked",
                    half.commitLogOffset());
            return true;
        }
        long age = now - half.storeTimestamp();
        if (age < config.transactionTimeOut) {
            return false;
        }
        int checks = half.checkTimes();
        if (checks == 0 && age < half.immunityMillis()) {
            return reappend(half, 0) != null;
        }
        if (checks >= config.transactionCheckMax) {
            discard(half);
            return true;
        }
        PutResult copy = reappend(half, checks + 1);
        if (copy == null) {
            return false;
        }
        if (copy.isOk()) {
            stats.recordPut(HalfParking.TOPIC, copy.msgCount(), copy.wroteBytes());
        }
        ask(half, copy);
        return true;
    }

    /** Appends a copy with {@code checkTimes}; null (logged) when the store refused it. */
    private PutResult reappend(HalfMessage half, int checkTimes) {
        PutResult r = store.put(half.reappended(storeHost, checkTimes)).join();
        if (!r.isStored()) {
            LOG.warn("re-appending half message {} failed: {} {}; retried next pass",
                    ClientText.of(half.transactionId()), r.status(), r.reason());
            return null;
        }
        book.copied(half.transactionId(), r.queueOffset());
        return r;
    }

    private void ask(HalfMessage half, PutResult copy) {
        String group = half.producerGroup();
        ClientConnection producer = liveProducer(group);
        if (producer == null) {
            LOG.warn("cannot check transaction {}: producer group {} has no live connection",
                    ClientText.of(half.transactionId()), ClientText.of(group));
            return;
        }
        ByteBuffer copyRecord = store.lookMessageByOffset(copy.wroteOffset());
        if (copyRecord == null) {
            LOG.warn("re-appended half message {} not readable at commit-log offset {}",
                    ClientText.of(half.transactionId()),
                    copy.wroteOffset());
            return;
        }
        HalfMessage stored = HalfMessage.of(copyRecord);
        RemotingCommand check = RemotingCommand.request(RequestCode.CHECK_TRANSACTION_STATE)
                .putExt("tranStateTableOffset", copy.queueOffset())
                .putExt("commitLogOffset", copy.wroteOffset())
                .putExt("msgId", stored.transactionId())
                .putExt("transactionId", transactionIdOf(stored))
                .putExt("offsetMsgId", offsetMsgId.of(copy.wroteOffset()))
                .putExt("topic", HalfParking.TOPIC)
                .putExt("bname", config.brokerName)
                .body(CheckRequestBody.encode(copyRecord, stored.realTopic(), stored.realQueueId()));
        check.markOneway();
        producer.channel().invokeOneway(check);
        LOG.debug("asked {} of {} about transaction {} (check {})", producer, ClientText.of(group),
                ClientText.of(stored.transactionId()), stored.checkTimes());
    }

    private static String transactionIdOf(HalfMessage half) {
        String id = half.explicitTransactionId();
        return id != null ? id : half.transactionId();
    }

    private ClientConnection liveProducer(String group) {
        if (group == null) {
            return null;
        }
        List<ClientConnection> live = clients.producerConnections(group).stream()
                .filter(c -> c.channel().isActive()).toList();
        return live.isEmpty() ? null : live.get(ThreadLocalRandom.current().nextInt(live.size()));
    }

    private void discard(HalfMessage half) {
        if (!book.settle(half)) {
            return;
        }
        topics.createIfAbsent(SystemTopics.TRANS_CHECK_MAX_TIME, 1, PERM_RW, 0);
        PutResult r = store.put(half.copyTo(SystemTopics.TRANS_CHECK_MAX_TIME, storeHost)).join();
        book.writeOp(half);
        LOG.warn("transaction {} of producer group {} (topic {}) discarded after {} checks{}",
                ClientText.of(half.transactionId()), ClientText.of(half.producerGroup()), half.realTopic(),
                half.checkTimes(),
                r.isOk() ? "; kept in " + SystemTopics.TRANS_CHECK_MAX_TIME : "; copying it failed: " + r.reason());
    }

    private void flushQuietly() {
        try {
            progress.flush();
        } catch (IOException | RuntimeException e) {
            LOG.error("writing {} failed: {}", progress.path(), e.toString());
        }
    }
}
