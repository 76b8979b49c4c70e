package io.apogee.broker.timer;

import io.apogee.broker.schedule.ParkedDelivery;
import io.apogee.broker.topic.SystemTopics;
import io.apogee.broker.topic.TopicTable;
import io.apogee.common.DaemonScheduler;
import io.apogee.common.ExecutorStop;
import io.apogee.common.Lifecycle;
import io.apogee.remoting.body.TopicConfig;
import io.apogee.store.MessageStore;
import io.apogee.store.MessageStoreConfig;
import io.apogee.store.timer.TimerLog;
import io.apogee.store.timer.TimerWheel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers timer messages at their millisecond (docs/ARCHITECTURE.md "Timer messages"). The send path parks a
 * timer message in {@code rmq_sys_wheel_timer} queue 0 with {@code TIMER_OUT_MS}, {@code REAL_TOPIC} and
 * {@code REAL_QID}: the commit log holds it (durable and replicated like any message). This service indexes those
 * records into a {@link TimerLog} (40 bytes a timer, in files) chained per second in a {@link TimerWheel} (8 bytes a
 * second of its window), so the broker's memory holds only the timers of the current and next second, whatever the
 * number pending. Shortly before a second starts its chain is loaded; each timer is stored in its real topic when
 * its millisecond comes (never before), unless a recall marker for it was stored; a timer beyond the window is
 * rolled to the wheel's next turn. Delivery progress is a watermark in the wheel file, advanced after each
 * delivery, so a crash redelivers at most the one message being stored.
 *
 * <p>Thread-safe: all work runs on one scheduler thread; {@link #start()} and {@link #close()} are synchronized;
 * the counters are read from any thread (eventually consistent).
 */
public final class TimerService implements Lifecycle {

    /** Longest sleep between turns: how quickly a newly parked timer is indexed. */
    static final long POLL_MS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(TimerService.class);
    private static final int MAX_DELIVERIES_PER_TURN = 4_096;
    /** Seconds loaded or finished in one turn at most (catching up after downtime goes this fast). */
    private static final int MAX_STEPS_PER_TURN = 1_000;
    private static final long ERROR_BACKOFF_MS = 1_000;
    private static final int PERM_RW = TopicConfig.PERM_READ | TopicConfig.PERM_WRITE;

    private final MessageStoreConfig storeConfig;
    private final MessageStore store;
    private final TopicTable topics;
    private final ParkedDelivery delivery;
    private final InetSocketAddress storeHost;
    private final LongSupplier clock;
    private final ScheduledExecutorService executor = DaemonScheduler.named("timer-wheel");
    private TimerWheel wheel;
    private TimerLog log;
    private volatile TimerWorker worker;
    private volatile boolean stopped;
    private volatile long turns;
    private volatile long cursorSecond;
    private boolean started;

    /** A service on the wall clock. */
    public TimerService(MessageStoreConfig storeConfig, MessageStore store, TopicTable topics,
                        ParkedDelivery delivery, InetSocketAddress storeHost) {
        this(storeConfig, store, topics, delivery, storeHost, System::currentTimeMillis);
    }

    /** A service on {@code clock} (epoch ms; tests move it). */
    public TimerService(MessageStoreConfig storeConfig, MessageStore store, TopicTable topics,
                        ParkedDelivery delivery, InetSocketAddress storeHost, LongSupplier clock) {
        this.storeConfig = storeConfig;
        this.store = store;
        this.topics = topics;
        this.delivery = delivery;
        this.storeHost = storeHost;
        this.clock = clock;
    }

    /** Opens (or creates) the wheel and log, repairs what a crash left, creates the timer topic, starts turning. */
    @Override
    public synchronized void start() throws IOException {
        if (started || stopped) {
            return;
        }
        started = true;
        wheel = new TimerWheel(storeConfig.timerWheelPath(), storeConfig.timerRollWindowSlot,
                Math.floorDiv(clock.getAsLong(), 1000));
        long segment = storeConfig.timerLogFileSize - storeConfig.timerLogFileSize % TimerLog.ENTRY_BYTES;
        log = new TimerLog(storeConfig.timerLogDir(), segment);
        TimerWorker w = new TimerWorker(store, wheel, log, delivery, storeHost);
        w.recover();
        worker = w;
        topics.createIfAbsent(SystemTopics.WHEEL_TIMER, 1, PERM_RW, 0);
        executor.execute(this::turn);
    }

    /** Stops turning and forces the wheel and the log. */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        ExecutorStop.gracefully(executor);
        if (wheel != null) {
            try {
                log.force();
                log.close();
                wheel.close();
            } catch (IOException e) {
                LOG.error("closing the timer wheel failed: {}", e.toString());
            }
        }
    }

    /** Timers delivered since start. */
    public long delivered() {
        TimerWorker w = worker;
        return w == null ? 0 : w.delivered();
    }

    /** Timers not delivered because they were recalled, since start. */
    public long recalled() {
        TimerWorker w = worker;
        return w == null ? 0 : w.recalledCount();
    }

    /** Timers rolled to a later turn of the wheel, since start. */
    public long rolled() {
        TimerWorker w = worker;
        return w == null ? 0 : w.rolled();
    }

    /** The oldest second not yet fully delivered, as of the last turn. */
    public long cursorSecond() {
        return cursorSecond;
    }

    /** Turns of the wheel since start (each indexes, delivers and advances what it can). */
    public long turns() {
        return turns;
    }

    private void turn() {
        long wait;
        try {
            long now = clock.getAsLong();
            TimerWorker w = worker;
            boolean busy = false;
            for (int step = 0; step < MAX_STEPS_PER_TURN; step++) {
                boolean indexed = w.index();
                boolean delivered = w.deliverDue(now, MAX_DELIVERIES_PER_TURN);
                boolean advanced = w.advance(now);
                if (!indexed && !delivered && !advanced) {
                    break;
                }
                busy = true;
            }
            cursorSecond = w.cursorSecond();
            turns++;
            wait = busy ? 0 : w.millisToWork(clock.getAsLong(), POLL_MS);
        } catch (Throwable t) {
            LOG.error("timer wheel turn failed; trying again in {} ms", ERROR_BACKOFF_MS, t);
            wait = ERROR_BACKOFF_MS;
        }
        if (!stopped) {
            executor.schedule(this::turn, wait, TimeUnit.MILLISECONDS);
        }
    }
}
