package io.apogee.broker.timer;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.schedule.ParkedDelivery;
import io.apogee.broker.stats.BrokerStats;
import io.apogee.broker.topic.TopicTable;
import io.apogee.common.Lifecycle;
import io.apogee.remoting.RemotingServer;
import io.apogee.store.MessageStore;
import io.apogee.store.MessageStoreConfig;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The broker's timer side: the {@link TimerService} (when {@code timerWheelEnable}; started on a master only, since a
 * slave's store refuses puts) and RECALL_MESSAGE ({@link RecallProcessor}, answered on every broker).
 *
 * <p>Thread-safe for its lifecycle: {@link #start()} and {@link #close()} are synchronized.
 */
public final class Timers implements Lifecycle {

    private final TimerService service;
    private final RecallProcessor recall;
    private final boolean slave;

    /** The parts for a broker storing in {@code store} as {@code storeHost}; {@code slave}: nothing is delivered. */
    public Timers(BrokerConfig config, MessageStoreConfig storeConfig, MessageStore store, TopicTable topics,
                  InetSocketAddress storeHost, BrokerStats stats, boolean slave) {
        this.slave = slave;
        this.service = storeConfig.timerWheelEnable ? new TimerService(storeConfig, store, topics,
                new ParkedDelivery(config, store, topics, storeHost, stats), storeHost) : null;
        this.recall = new RecallProcessor(config, slave, maxDelayMillis(storeConfig), store, topics, storeHost,
                System::currentTimeMillis);
    }

    /** The longest timer delay the send path accepts; 0 when the wheel is off (timers become delay levels). */
    public static long maxDelayMillis(MessageStoreConfig storeConfig) {
        return storeConfig.timerWheelEnable ? storeConfig.timerMaxDelaySec * 1000 : 0;
    }

    public void registerWith(RemotingServer server) {
        recall.registerWith(server);
    }

    @Override
    public synchronized void start() throws IOException {
        if (service != null && !slave) {
            service.start();
        }
    }

    /** The wheel's service; null when {@code timerWheelEnable} is false. */
    public TimerService service() {
        return service;
    }

    @Override
    public synchronized void close() {
        if (service != null) {
            service.close();
        }
    }
}
