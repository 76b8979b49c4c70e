package io.apogee.broker.offset;

import io.apogee.broker.offset.QueueBounds.Refusal;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log of oneway requests the broker drops because they are refused (a oneway request has no answer to carry
 * the reason): one WARN line per client address and {@link QueueBounds.Reason} every {@value #INTERVAL_MILLIS} ms
 * at most, the next one saying how many more were dropped in between. A consumer re-sends its offsets every 5 s,
 * so logging each drop would write a line per queue every 5 s for as long as the client runs.
 *
 * <p>Thread-safe: the windows live in a concurrent map updated atomically per key; the map is cleared when it
 * reaches {@value #MAX_KEYS} keys, so a flood of distinct clients cannot grow it without bound (at worst a
 * line is logged again early).
 */
final class OnewayDropLog {

    /** Shortest time between two lines for the same client and reason. */
    static final long INTERVAL_MILLIS = 10 * 60_000;
    /** Most (client, reason) windows remembered. */
    static final int MAX_KEYS = 4096;
    private static final Logger LOG = LoggerFactory.getLogger(OnewayDropLog.class);

    /** Start of the current window of one key and the drops not logged in it. */
    private record Window(long startMillis, long unlogged) {
    }

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    OnewayDropLog() {
        this(System::currentTimeMillis);
    }

    OnewayDropLog(LongSupplier clock) {
        this.clock = clock;
    }

    /**
     * Records that a oneway request with {@code requestCode} from {@code client} was dropped; logs it when it is
     * the first drop for this client and reason in the interval.
     *
     * @return whether a line was logged
     */
    boolean dropped(String client, int requestCode, Refusal refusal) {
        if (windows.size() >= MAX_KEYS) {
            windows.clear();
        }
        long now = clock.getAsLong();
        long[] unloggedBefore = {-1};
        windows.compute(client + ' ' + refusal.reason(), (key, window) -> {
            if (window == null || now - window.startMillis() >= INTERVAL_MILLIS) {
                unloggedBefore[0] = window == null ? 0 : window.unlogged();
                return new Window(now, 0);
            }
            return new Window(window.startMillis(), window.unlogged() + 1);
        });
        if (unloggedBefore[0] < 0) {
            return false;
        }
        LOG.warn("dropped oneway request code {} from {}: {}{}", requestCode, client, refusal.remark(),
                unloggedBefore[0] == 0 ? "" : " (" + unloggedBefore[0] + " more such requests from this client were "
                        + "dropped unlogged before this one)");
        return true;
    }
}
