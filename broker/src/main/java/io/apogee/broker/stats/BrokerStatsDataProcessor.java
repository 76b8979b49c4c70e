package io.apogee.broker.stats;

import io.apogee.common.text.ClientText;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.BrokerStatsData;
import io.apogee.remoting.body.BrokerStatsItem;
import java.util.Optional;

/**
 * VIEW_BROKER_STATS_DATA (315, headers {@code statsName}, {@code statsKey}): a {@link BrokerStatsData} with the
 * statistic's sum, rate and per-call average over the last minute, hour and day ({@link StatsItem}). Names served:
 * the constants of {@link BrokerStats} ({@code TOPIC_PUT_NUMS}/{@code TOPIC_PUT_SIZE} by topic,
 * {@code GROUP_GET_NUMS}/{@code GROUP_GET_SIZE} by {@code topic@group}, {@code BROKER_PUT_NUMS}/
 * {@code BROKER_GET_NUMS} by cluster name). An unknown name, or a key nothing was recorded for, is SYSTEM_ERROR (1)
 * "The stats &lt;name&gt; &lt;key&gt; not exist", as Apache answers (statsAll then counts 0).
 * docs/protocol/06-admin.md.
 *
 * <p>Thread-safe: stateless apart from the thread-safe statistics.
 */
public final class BrokerStatsDataProcessor implements RequestProcessor {

    private final BrokerStats stats;

    BrokerStatsDataProcessor(BrokerStats stats) {
        this.stats = stats;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        String name = request.requireExt("statsName");
        String key = request.requireExt("statsKey");
        Optional<StatsItem> item = stats.find(name, key);
        if (item.isEmpty()) {
            return RemotingCommand.response(ResponseCode.SYSTEM_ERROR,
                    "The stats <" + ClientText.of(name) + "> <" + ClientText.of(key) + "> not exist");
        }
        long now = stats.nowMillis();
        BrokerStatsData data = new BrokerStatsData();
        data.statsMinute = itemOf(item.get().snapshot(StatsItem.Window.MINUTE, now));
        data.statsHour = itemOf(item.get().snapshot(StatsItem.Window.HOUR, now));
        data.statsDay = itemOf(item.get().snapshot(StatsItem.Window.DAY, now));
        return RemotingCommand.success().body(JsonCodec.encode(data));
    }

    private static BrokerStatsItem itemOf(StatsSnapshot s) {
        return new BrokerStatsItem(s.sum(), s.tps(), s.avgpt());
    }
}
