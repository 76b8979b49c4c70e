package io.apogee.broker.stats;

import io.apogee.broker.retention.UnreadLossReport;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.body.KeyValueTable;
import io.apogee.store.MessageStore;
import io.apogee.store.StoredMessage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Serves GET_BROKER_RUNTIME_INFO (28, no headers): a {@link KeyValueTable} of the broker's runtime figures, as
 * {@code mqadmin brokerStatus} prints them and {@code mqadmin clusterList} (with {@code -m}) and the dashboard read
 * them (docs/protocol/06-admin.md). Keys shared with Apache RocketMQ keep its names and formats:
 * <ul>
 *   <li>identity: {@code brokerVersionDesc}, {@code brokerVersion}, {@code brokerActive} (true on a master),
 *       {@code bootTimestamp}, {@code runtime}, {@code startAcceptSendRequestTimeStamp};</li>
 *   <li>traffic ({@link BrokerStats}): {@code msgPutTotalTodayNow}, {@code msgGetTotalTodayNow} (since start,
 *       without system topics), {@code msgPut/GetTotalYesterdayMorning}, {@code msgPut/GetTotalTodayMorning},
 *       {@code putMessageTimesTotal}, rate triples "10s 1min 10min" {@code putTps}, {@code getFoundTps},
 *       {@code getMissTps}, {@code getTotalTps}, {@code getTransferredTps} (and the 4.x spelling
 *       {@code getTransferedTps});</li>
 *   <li>store: {@code commitLogMinOffset}, {@code commitLogMaxOffset}, {@code dispatchBehindBytes},
 *       {@code commitLogDiskRatio}, {@code consumeQueueDiskRatio} (used share of the partition, 0..1),
 *       {@code earliestMessageTimeStamp} (store time of the oldest commit-log message, -1 when none),
 *       {@code pageCacheLockTimeMills} (0: appends take no page-cache lock that could be held long);</li>
 *   <li>pools: {@code send/pullThreadPoolQueueSize}, {@code ...Capacity}, {@code ...HeadWaitTimeMills} (0: queued
 *       tasks are not timestamped);</li>
 *   <li>timer wheel (Apogee has none, as Apache with it disabled): {@code timerReadBehind},
 *       {@code timerOffsetBehind}, {@code timerCongestNum} 0, {@code timerEnqueueTps}, {@code timerDequeueTps}
 *       0.0.</li>
 * </ul>
 * Apogee adds {@code heldPullRequests} (pulls parked by long polling), {@code storeHealth} ({@code OK} or the
 * store's problems) and the unread messages cleanup deleted: {@code unreadMessagesDeleted} (total since start) and
 * one {@code unreadMessagesDeleted[topic@reader:CAUSE]} entry per topic, reader (consumer group) and cause (EXPIRED
 * or FORCED).
 *
 * <p>Thread-safe: reads thread-safe figures only.
 */
public final class RuntimeInfoProcessor implements RequestProcessor {

    private static final String VERSION_DESC = "V5_4_0";

    private final MessageStore store;
    private final UnreadLossReport losses;
    private final BrokerStats stats;
    private final RuntimeGauges gauges;
    private final long bootMillis = System.currentTimeMillis();

    public RuntimeInfoProcessor(MessageStore store, UnreadLossReport losses, BrokerStats stats,
                                RuntimeGauges gauges) {
        this.store = store;
        this.losses = losses;
        this.stats = stats;
        this.gauges = gauges;
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
                .put("brokerActive", gauges.active().getAsBoolean())
                .put("bootTimestamp", bootMillis)
                .put("runtime", uptime(System.currentTimeMillis() - bootMillis))
                .put("startAcceptSendRequestTimeStamp", gauges.startAcceptSendMillis());
        putTraffic(t);
        putStore(t);
        putPools(t);
        t.put("heldPullRequests", gauges.heldPulls().getAsInt())
                .put("storeHealth", store.health().isHealthy() ? "OK" : String.join("; ", store.health().problems()))
                .put("unreadMessagesDeleted", losses.total());
        losses.counts().forEach((key, count) -> t.put("unreadMessagesDeleted[" + key + "]", count));
        return t;
    }

    private void putTraffic(KeyValueTable t) {
        BrokerStats.Totals s = stats.totals();
        t.put("msgPutTotalTodayNow", s.putNow())
                .put("msgGetTotalTodayNow", s.getNow())
                .put("msgPutTotalYesterdayMorning", s.putYesterdayMorning())
                .put("msgPutTotalTodayMorning", s.putTodayMorning())
                .put("msgGetTotalYesterdayMorning", s.getYesterdayMorning())
                .put("msgGetTotalTodayMorning", s.getTodayMorning())
                .put("putMessageTimesTotal", s.storedMessages())
                .put("putTps", s.putTps())
                .put("getFoundTps", s.getFoundTps())
                .put("getMissTps", s.getMissTps())
                .put("getTotalTps", s.getTotalTps())
                .put("getTransferredTps", s.getTransferredTps())
                .put("getTransferedTps", s.getTransferredTps());
    }

    private void putStore(KeyValueTable t) {
        t.put("commitLogMinOffset", store.commitLogMinOffset())
                .put("commitLogMaxOffset", store.commitLogMaxOffset())
                .put("dispatchBehindBytes", Math.max(0, store.commitLogMaxOffset() - store.dispatchedOffset()))
                .put("commitLogDiskRatio", usedRatio(store.config().commitLogDir()))
                .put("consumeQueueDiskRatio", usedRatio(store.config().consumeQueueDir()))
                .put("earliestMessageTimeStamp", earliestMessageTime())
                .put("pageCacheLockTimeMills", 0)
                .put("timerReadBehind", 0)
                .put("timerOffsetBehind", 0)
                .put("timerCongestNum", 0)
                .put("timerEnqueueTps", 0.0)
                .put("timerDequeueTps", 0.0);
    }

    private void putPools(KeyValueTable t) {
        t.put("sendThreadPoolQueueSize", gauges.sendQueueSize().getAsInt())
                .put("sendThreadPoolQueueCapacity", gauges.sendQueueCapacity())
                .put("sendThreadPoolQueueHeadWaitTimeMills", 0)
                .put("pullThreadPoolQueueSize", gauges.pullQueueSize().getAsInt())
                .put("pullThreadPoolQueueCapacity", gauges.pullQueueCapacity())
                .put("pullThreadPoolQueueHeadWaitTimeMills", 0);
    }

    /** Store time of the oldest message still in the commit log, or -1 when there is none. */
    private long earliestMessageTime() {
        ByteBuffer oldest = store.lookMessageByOffset(store.commitLogMinOffset());
        return oldest == null ? -1 : StoredMessage.storeTimestamp(oldest);
    }

    /** The used share (0..1) of the partition holding {@code dir}, or -1 when it cannot be read. */
    public static double usedRatio(Path dir) {
        try {
            FileStore partition = Files.getFileStore(dir);
            long total = partition.getTotalSpace();
            return total <= 0 ? -1 : (double) (total - partition.getUsableSpace()) / total;
        } catch (IOException e) {
            return -1;
        }
    }

    /** Apache's format: {@code [ 0 days, 1 hours, 2 minutes, 3 seconds ]}. */
    private static String uptime(long millis) {
        Duration d = Duration.ofMillis(millis);
        return String.format(Locale.ROOT, "[ %d days, %d hours, %d minutes, %d seconds ]", d.toDays(),
                d.toHoursPart(), d.toMinutesPart(), d.toSecondsPart());
    }
}
