package io.apogee.namesrv;

import io.apogee.common.DaemonScheduler;
import io.apogee.common.Lifecycle;
import io.apogee.common.text.ClientText;
import io.apogee.remoting.ChannelEventListener;
import io.apogee.remoting.RemoteChannel;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link RouteTable} free of dead brokers: every {@code scanIntervalMillis} it drops brokers silent
 * past their timeout (and closes their connections), and when a connection closes it drops the brokers that
 * registered over it at once.
 *
 * <p>Thread-safe: all work runs on its single scheduler thread; {@link #onClose} only hands the closed channel
 * over to that thread, so I/O threads never wait on the route table.
 */
public final class BrokerHousekeeper implements Lifecycle, ChannelEventListener {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerHousekeeper.class);

    private final RouteTable routes;
    private final long scanIntervalMillis;
    private final ScheduledExecutorService scheduler = DaemonScheduler.named("namesrv-housekeeper");

    public BrokerHousekeeper(RouteTable routes, long scanIntervalMillis) {
        this.routes = routes;
        this.scanIntervalMillis = scanIntervalMillis;
    }

    @Override
    public void start() {
        scheduler.scheduleWithFixedDelay(this::scan, scanIntervalMillis, scanIntervalMillis, TimeUnit.MILLISECONDS);
    }

    private void scan() {
        try {
            for (ExpiredBroker expired : routes.expire(System.currentTimeMillis())) {
                LOG.warn("Broker {} at {} silent for {} ms, removed from routes",
                        ClientText.of(expired.brokerName()), ClientText.of(expired.brokerAddr()),
                        expired.silentMillis());
                if (expired.channel() != null) {
                    expired.channel().close();
                }
            }
        } catch (Throwable t) {
            LOG.error("Broker expiry scan failed", t);
        }
    }

    @Override
    public void onClose(RemoteChannel channel) {
        try {
            scheduler.execute(() -> removeBrokersOf(channel));
        } catch (RejectedExecutionException e) {
            LOG.debug("Housekeeper stopped, ignoring close of {}", channel.remoteAddress());
        }
    }

    private void removeBrokersOf(RemoteChannel channel) {
        try {
            List<String> removed = routes.removeByChannel(channel);
            if (!removed.isEmpty()) {
                LOG.info("Connection {} closed, removed brokers {} from routes", channel.remoteAddress(),
                        ClientText.of(removed.toString()));
            }
        } catch (Throwable t) {
            LOG.error("Removing brokers of closed connection {} failed", channel.remoteAddress(), t);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("Housekeeper thread did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
