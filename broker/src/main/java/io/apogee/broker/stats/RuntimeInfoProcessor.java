package io.apogee.broker.stats;

import io.apogee.broker.retention.UnreadLossReport;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.body.KeyValueTable;
import io.apogee.store.MessageStore;

import java.time.Duration;
import java.util.Locale;
import java.util.function.IntSupplier;

/**
 * Serves GET_BROKER_RUNTIME_INFO (28, no headers): a {@link KeyValueTable} of the broker's runtime figures, as
 * {@code mqadmin brokerStatus} prints them. Keys shared with Apache RocketMQ keep its names and formats
 * ({@code brokerVersionDesc}, {@code brokerVersion}, {@code bootTimestamp}, {@code runtime},
 * {@code commitLogMinOffset}, {@code commitLogMaxOffset}, {@code dispatchBehindBytes}); Apogee adds
 * {@code heldPullRequests} (pulls parked by long polling), {@code storeHealth} ({@code OK} or the store's
 * problems) and the unread messages cleanup deleted:
 * {@code unreadMessagesDeleted} (total since start) and one {@code unreadMessagesDeleted[topic@reader:CAUSE]}
 * entry per topic, reader (consumer group) and cause (EXPIRED or FORCED).
 *
 * <p>Thread-safe: reads thread-safe figures only.
 */
public final class RuntimeInfoProcessor implements RequestProcessor {

    private static final String VERSION_DESC = "V5_4_0";

    private final MessageStore store;
    private final UnreadLossReport losses;
    private final IntSupplier heldPulls;
    private final long bootMillis = System.currentTimeMillis();

    /** @param heldPulls the number of pulls parked by long polling */
    public RuntimeInfoProcessor(MessageStore store, UnreadLossReport losses, IntSupplier heldPulls) {
        this.store = store;
        this.losses = losses;
        this.heldPulls = heldPulls;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        return RemotingCommand.success().body(JsonCodec.encode(table()));
    }

    /** The current figures. */
    public KeyValueTable table() {
        KeyValueTable t = new KeyValueTable()
                .put("brokerVersionDesc", VERSION_DESC)
                .put("brokerVersion", RemotingCommand.APOGEE_VERSION)
                .put("bootTimestamp", bootMillis)
                .put("runtime", uptime(System.currentTimeMillis() - bootMillis))
                .put("commitLogMinOffset", store.commitLogMinOffset())
                .put("commitLogMaxOffset", store.commitLogMaxOffset())
                .put("dispatchBehindBytes", Math.max(0, store.commitLogMaxOffset() - store.dispatchedOffset()))
                .put("heldPullRequests", heldPulls.getAsInt())
                .put("storeHealth", store.health().isHealthy() ? "OK" : String.join("; ", store.health().problems()))
                .put("unreadMessagesDeleted", losses.total());
        losses.counts().forEach((key, count) -> t.put("unreadMessagesDeleted[" + key + "]", count));
        return t;
    }

    /** Apache's format: {@code [ 0 days, 1 hours, 2 minutes, 3 seconds ]}. */
    private static String uptime(long millis) {
        Duration d = Duration.ofMillis(millis);
        return String.format(Locale.ROOT, "[ %d days, %d hours, %d minutes, %d seconds ]", d.toDays(),
                d.toHoursPart(), d.toMinutesPart(), d.toSecondsPart());
    }
}
