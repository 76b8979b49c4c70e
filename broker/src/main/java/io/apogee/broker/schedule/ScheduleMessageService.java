package io.apogee.broker.schedule;

import io.apogee.common.DaemonScheduler;
import io.apogee.common.ExecutorStop;
import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.stats.BrokerStats;
import io.apogee.common.message.MessageProperties;
import io.apogee.broker.topic.SystemTopics;
import io.apogee.broker.topic.TopicTable;
import io.apogee.common.Lifecycle;
import io.apogee.remoting.body.TopicConfig;
import io.apogee.store.GetResult;
import io.apogee.store.MessageFilter;
import io.apogee.store.MessageStore;
import io.apogee.store.StoredMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers delay-level messages parked in {@code SCHEDULE_TOPIC_XXXX}
 * (docs/protocol/10-properties-and-system-topics.md §3). Queue {@code level - 1} holds level {@code level} in
 * store-time order, so each level is read from its persisted offset ({@link DelayOffsetTable},
 * {@code delayOffset.json}) and every message with {@code storeTimestamp + delay(level) <= now} is re-put to
 * {@code REAL_TOPIC}/{@code REAL_QID} with {@code DELAY}, {@code REAL_TOPIC} and {@code REAL_QID} removed (all
 * other properties, body, flag, sysFlag, born time/host and reconsume times kept; tag code = TAGS hash). The first
 * message that is not yet due ends the level's pass; the service then sleeps until the earliest due time of any
 * level, at most {@value #MAX_WAIT_MILLIS} ms (so newly parked messages are noticed), never busy-looping.
 *
 * <p>A level's offset advances only after the re-put succeeded (a failed put is retried after
 * {@value #RETRY_BACKOFF_MILLIS} ms). Offsets are written every {@code flushDelayOffsetInterval} ms and at
 * {@link #close()}, so delivery is <b>at least once</b>: a crash after a re-put but before the next offset
 * write delivers those messages again after restart. A target topic missing from the topic table is created
 * (perm 6, enough queues for {@code REAL_QID}) rather than dropping the message; a parked record without
 * {@code REAL_TOPIC} is logged and skipped. A delivery the store answers PUT_OK counts as a put of the real topic in
 * {@link BrokerStats}, as Apache counts it.
 *
 * <p>Thread-safe: all delivery and offset writes run on one scheduler thread; {@link #start()} and
 * {@link #close()} are synchronized; {@link #offsetOf} may be read from any thread.
 */
public final class ScheduleMessageService implements Lifecycle {

    /** Longest sleep between delivery passes. */
    static final long MAX_WAIT_MILLIS = 100;
    static final long RETRY_BACKOFF_MILLIS = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleMessageService.class);
    private static final int BATCH = 32;
    private static final int MAX_BATCH_BYTES = 4 * 1024 * 1024;
    private static final int MAX_PER_LEVEL_PER_PASS = 1_024;
    private static final int PERM_RW = TopicConfig.PERM_READ | TopicConfig.PERM_WRITE;
    private static final MessageFilter ALL = tagsCode -> true;

    private final BrokerConfig config;
    private final MessageStore store;
    private final TopicTable topics;
    private final DelayLevels levels;
    private final DelayOffsetTable offsets;
    private final ParkedDelivery delivery;
    private final ScheduledExecutorService executor = DaemonScheduler.named("schedule-message-service");
    private volatile boolean stopped;
    private boolean started;

    /** A service counting each delivered message as a put of its real topic in {@code stats}. */
    public ScheduleMessageService(BrokerConfig config, Path configDir, MessageStore store, TopicTable topics,
                                  DelayLevels levels, InetSocketAddress storeHost, BrokerStats stats) {
        this.config = config;
        this.store = store;
        this.topics = topics;
        this.levels = levels;
        this.offsets = new DelayOffsetTable(configDir);
        this.delivery = new ParkedDelivery(config, store, topics, storeHost, stats);
    }

    /** Loads the offsets, creates {@code SCHEDULE_TOPIC_XXXX} (one queue per level, perm 6), starts delivering. */
    @Override
    public synchronized void start() {
        if (started || stopped) {
            return;
        }
        started = true;
        offsets.load();
        topics.createIfAbsent(SystemTopics.SCHEDULE, levels.count(), PERM_RW, 0);
        executor.execute(this::pass);
        executor.scheduleWithFixedDelay(this::flushQuietly, config.flushDelayOffsetInterval,
                config.flushDelayOffsetInterval, TimeUnit.MILLISECONDS);
    }

    /**
     * Slave: loads the offsets and keeps writing them, without delivering (the master delivers; a slave's store
     * refuses puts). The offsets then follow the master's through {@link #adoptOffsets}.
     */
    public synchronized void startFollowing() {
        if (started || stopped) {
            return;
        }
        started = true;
        offsets.load();
        executor.scheduleWithFixedDelay(this::flushQuietly, config.flushDelayOffsetInterval,
                config.flushDelayOffsetInterval, TimeUnit.MILLISECONDS);
    }

    /** Slave: takes the master's delivery progress (metadata sync): level to next offset. */
    public void adoptOffsets(Map<Integer, Long> master) {
        master.forEach((level, offset) -> {
            if (level != null && offset != null && offset != offsets.offset(level)) {
                offsets.update(level, offset);
            }
        });
    }

    /** The next offset of {@code level}'s queue to deliver. */
    public long offsetOf(int level) {
        return offsets.offset(level);
    }

    /** Stops delivering and writes the offsets. */
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
        long wait = MAX_WAIT_MILLIS;
        try {
            long now = System.currentTimeMillis();
            for (int level = 1; level <= levels.count() && !stopped; level++) {
                wait = Math.min(wait, deliverLevel(level, now));
            }
        } catch (Throwable t) {
            LOG.error("delay-level delivery pass failed", t);
            wait = RETRY_BACKOFF_MILLIS;
        }
        if (!stopped) {
            executor.schedule(this::pass, Math.max(0, wait), TimeUnit.MILLISECONDS);
        }
    }

    /** Delivers the due messages of one level; returns milliseconds until this level needs another look. */
    private long deliverLevel(int level, long now) {
        int queueId = DelayParking.queueOf(level);
        long delay = levels.delayMillis(level);
        long offset = offsets.offset(level);
        long start = offset;
        try {
            for (int delivered = 0; delivered < MAX_PER_LEVEL_PER_PASS; ) {
                GetResult r = store.get(SystemTopics.SCHEDULE, queueId, offset, BATCH, MAX_BATCH_BYTES, ALL);
                try {
                    switch (r.status()) {
                        case FOUND -> {
                            for (ByteBuffer record : r.records()) {
                                long due = StoredMessage.storeTimestamp(record) + delay;
                                if (due > now) {
                                    return due - now;
                                }
                                if (!deliver(record, level)) {
                                    return RETRY_BACKOFF_MILLIS;
                                }
                                offset = StoredMessage.queueOffset(record) + 1;
                                delivered++;
                            }
                        }
                        case OFFSET_TOO_SMALL, OFFSET_OVERFLOW_BADLY, MESSAGE_WAS_REMOVING, OFFSET_FOUND_NULL,
                             NO_MATCHED_MESSAGE -> {
                            if (r.nextBeginOffset() == offset) {
                                return MAX_WAIT_MILLIS;
                            }
                            LOG.warn("delay level {}: offset {} is {}, moving to {}", level, offset, r.status(),
                                    r.nextBeginOffset());
                            offset = r.nextBeginOffset();
                        }
                        default -> {
                            return MAX_WAIT_MILLIS;
                        }
                    }
                } finally {
                    r.release();
                }
            }
            return 0;
        } finally {
            if (offset != start) {
                offsets.update(level, offset);
            }
        }
    }

    /** Re-puts one parked record to its real topic; true when stored (or when it cannot ever be delivered). */
    private boolean deliver(ByteBuffer record, int level) {
        return delivery.deliver(record, "delay level " + level, MessageProperties.DELAY)
                != ParkedDelivery.Outcome.RETRY;
    }

    private void flushQuietly() {
        try {
            offsets.flush();
        } catch (IOException | RuntimeException e) {
            LOG.error("writing {} failed: {}", offsets.path(), e.toString());
        }
    }
}
