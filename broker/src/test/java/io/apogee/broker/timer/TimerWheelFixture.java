package io.apogee.broker.timer;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.schedule.ParkedDelivery;
import io.apogee.broker.stats.BrokerStats;
import io.apogee.broker.topic.SystemTopics;
import io.apogee.broker.topic.TopicTable;
import io.apogee.common.io.MetadataWriter;
import io.apogee.common.message.MessageProperties;
import io.apogee.store.GetResult;
import io.apogee.store.MessageDraft;
import io.apogee.store.MessageStore;
import io.apogee.store.MessageStoreConfig;
import io.apogee.store.PutResult;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real message store, topic table and {@link TimerService} on a temp dir, turning on a clock the test moves.
 * Timer messages are put as the send path parks them (topic {@code rmq_sys_wheel_timer}, TIMER_OUT_MS, REAL_TOPIC,
 * REAL_QID). Can be reopened on the same directory.
 */
final class TimerWheelFixture implements AutoCloseable {

    static final String TOPIC = "TimerTopic";
    static final InetSocketAddress HOST = new InetSocketAddress("127.0.0.1", 10911);

    final AtomicLong clock;
    final MessageStoreConfig storeConfig = new MessageStoreConfig();
    private final BrokerConfig config = new BrokerConfig();
    private MessageStore store;
    private MetadataWriter writer;
    private TimerService service;
    private int sequence;

    TimerWheelFixture(Path dir, long startMillis, int windowSeconds) {
        clock = new AtomicLong(startMillis);
        storeConfig.storePathRootDir = dir.toString();
        storeConfig.mapedFileSizeCommitLog = 4 * 1024 * 1024;
        storeConfig.timerRollWindowSlot = windowSeconds;
        storeConfig.timerLogFileSize = 400 * 40;
    }

    TimerWheelFixture open() throws Exception {
        store = new MessageStore(storeConfig);
        store.start();
        writer = new MetadataWriter("timer-test-metadata");
        TopicTable topics = new TopicTable(config, storeConfig.configDir(), writer);
        topics.load();
        topics.createIfAbsent(TOPIC, 4, 6, 0);
        service = new TimerService(storeConfig, store, topics,
                new ParkedDelivery(config, store, topics, HOST, BrokerStats.unshared()), HOST, clock::get);
        service.start();
        return this;
    }

    TimerService service() {
        return service;
    }

    /** Parks a timer for {@code deliverMs} in queue 1 of {@link #TOPIC}; returns its UNIQ_KEY. */
    String park(long deliverMs) {
        String uniq = String.format("7F00000100002A9F%016X", ++sequence);
        put(TOPIC + "-" + sequence, new StringBuilder()
                .append(MessageProperties.UNIQ_KEY).append('\u0001').append(uniq).append('\u0002'), deliverMs);
        return uniq;
    }

    /** Stores a recall marker for the timer {@code uniqKey} due at {@code deliverMs}. */
    void recall(String uniqKey, long deliverMs) {
        put("0", new StringBuilder().append(MessageProperties.TIMER_DEL_UNIQKEY).append('\u0001').append(uniqKey)
                .append('\u0002'), deliverMs);
    }

    private void put(String body, StringBuilder props, long deliverMs) {
        MessageProperties.append(props, MessageProperties.TIMER_OUT_MS, Long.toString(deliverMs));
        MessageProperties.append(props, MessageProperties.REAL_TOPIC, TOPIC);
        MessageProperties.append(props, MessageProperties.REAL_QID, "1");
        MessageDraft d = new MessageDraft();
        d.topic = SystemTopics.WHEEL_TIMER;
        d.body = body.getBytes(StandardCharsets.UTF_8);
        d.setProperties(props.toString());
        d.bornTimestamp = clock.get();
        d.bornHost = HOST;
        d.storeHost = HOST;
        PutResult r = store.put(d).join();
        if (!r.isOk()) {
            throw new IllegalStateException(r.status() + " " + r.reason());
        }
    }

    /** Moves the clock and waits until the wheel has caught up with it and turned twice more. */
    void moveTo(long millis) {
        store.awaitDispatch(5_000);
        awaitTurns(2);
        clock.set(millis);
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (service.cursorSecond() < Math.floorDiv(millis, 1000)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the timer wheel did not catch up with " + millis);
            }
            Thread.onSpinWait();
        }
        awaitTurns(2);
        store.awaitDispatch(5_000);
    }

    private void awaitTurns(int n) {
        long turns = service.turns();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (service.turns() < turns + n) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the timer wheel did not turn");
            }
            Thread.onSpinWait();
        }
    }

    /** The messages delivered to {@link #TOPIC} queue 1, in queue order. */
    List<ByteBuffer> delivered() {
        store.awaitDispatch(5_000);
        GetResult r = store.get(TOPIC, 1, 0, 10_000, 64 * 1024 * 1024, null);
        List<ByteBuffer> records = new ArrayList<>(r.records());
        r.release();
        return records;
    }

    MessageStore store() {
        return store;
    }

    @Override
    public void close() {
        if (service != null) {
            service.close();
        }
        if (writer != null) {
            writer.close();
        }
        if (store != null) {
            store.close();
        }
    }
}
