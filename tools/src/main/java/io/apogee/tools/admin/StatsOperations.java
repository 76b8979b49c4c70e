package io.apogee.tools.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.body.BrokerStatsData;
import io.apogee.remoting.body.ConsumeStats;
import io.apogee.remoting.body.ConsumeStatsList;
import io.apogee.remoting.body.OffsetWrapper;
import io.apogee.remoting.body.TopicOffset;
import io.apogee.remoting.body.TopicStatsTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Statistics calls sent to one broker: topic stats (202), broker stats data (315), broker consume stats (317) and
 * the consume queue view (321). Obtained from {@link AdminClient#stats()}.
 *
 * <p>Thread-safe: immutable.
 */
public final class StatsOperations {

    private final Invoker invoker;

    StatsOperations(Invoker invoker) {
        this.invoker = invoker;
    }

    /** GET_TOPIC_STATS_INFO (202): min/max offset and last store time of each queue of {@code topic}. */
    public TopicStatsTable topicStats(String addr, String topic) throws AdminException {
        RemotingCommand response = invoker.call(addr, RemotingCommand.request(RequestCode.GET_TOPIC_STATS_INFO)
                .putExt("topic", topic));
        JsonNode tree = QueueKeyedJson.tree(response.body());
        TopicStatsTable table = new TopicStatsTable();
        table.offsetTable.putAll(QueueKeyedJson.queueMap(tree.get("offsetTable"), TopicOffset.class));
        table.topicPutTps = tree.path("topicPutTps").asDouble();
        return table;
    }

    /** VIEW_BROKER_STATS_DATA (315): one statistic ({@code TOPIC_PUT_NUMS}, {@code GROUP_GET_NUMS}, ...) of a key. */
    public BrokerStatsData brokerStatsData(String addr, String statsName, String statsKey) throws AdminException {
        return Invoker.body(invoker.call(addr, RemotingCommand.request(RequestCode.VIEW_BROKER_STATS_DATA)
                .putExt("statsName", statsName).putExt("statsKey", statsKey)), BrokerStatsData.class);
    }

    /** GET_BROKER_CONSUME_STATS (317): the consume stats of every group on the broker. */
    public ConsumeStatsList brokerConsumeStats(String addr, boolean isOrder, long timeoutMillis)
            throws AdminException {
        RemotingCommand response = invoker.callWithin(addr, RemotingCommand.request(
                RequestCode.GET_BROKER_CONSUME_STATS).putExt("isOrder", isOrder), timeoutMillis);
        JsonNode tree = QueueKeyedJson.tree(response.body());
        ConsumeStatsList list = new ConsumeStatsList();
        list.brokerAddr = tree.path("brokerAddr").asText(addr);
        list.totalDiff = tree.path("totalDiff").asLong();
        list.totalInflightDiff = tree.path("totalInflightDiff").asLong();
        for (JsonNode byGroup : tree.path("consumeStatsList")) {
            Map<String, List<ConsumeStats>> groups = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> group : byGroup.properties()) {
                List<ConsumeStats> stats = new ArrayList<>();
                for (JsonNode one : group.getValue()) {
                    ConsumeStats s = new ConsumeStats();
                    s.offsetTable.putAll(QueueKeyedJson.queueMap(one.get("offsetTable"), OffsetWrapper.class));
                    s.consumeTps = one.path("consumeTps").asDouble();
                    stats.add(s);
                }
                groups.put(group.getKey(), stats);
            }
            list.consumeStatsList.add(groups);
        }
        return list;
    }

    /** QUERY_CONSUME_QUEUE (321): {@code count} consume-queue units from {@code index}, as a JSON tree. */
    public JsonNode queryConsumeQueue(String addr, String topic, int queueId, long index, int count, String group)
            throws AdminException {
        RemotingCommand response = invoker.call(addr, RemotingCommand.request(RequestCode.QUERY_CONSUME_QUEUE)
                .putExt("topic", topic).putExt("queueId", queueId).putExt("index", index).putExt("count", count)
                .putExt("consumerGroup", group));
        return QueueKeyedJson.tree(response.body());
    }
}
