package io.apogee.broker.stats;

import io.apogee.broker.subscription.SubscriptionGroupConfig;
import io.apogee.broker.subscription.SubscriptionGroupTable;
import io.apogee.broker.topic.TopicTable;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.body.ConsumeStats;
import io.apogee.remoting.body.ConsumeStatsList;
import io.apogee.remoting.body.TopicConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * GET_BROKER_CONSUME_STATS (317, header {@code isOrder}): a {@link ConsumeStatsList} with, for every subscription
 * group of this broker, one {@link ConsumeStats} per topic it committed offsets on (write queues; topics the online
 * group does not subscribe and, with {@code isOrder=true}, topics that are not orderly are left out), and the
 * broker's totals of unconsumed ({@code totalDiff}) and pulled-but-uncommitted ({@code totalInflightDiff})
 * messages. Apache leaves pullOffset at 0 here; Apogee reports it as in 208. docs/protocol/06-admin.md.
 *
 * <p>Thread-safe: stateless apart from thread-safe collaborators.
 */
public final class BrokerConsumeStatsProcessor implements RequestProcessor {

    private final String brokerAddress;
    private final TopicTable topics;
    private final SubscriptionGroupTable groups;
    private final ConsumeStatsReader reader;

    BrokerConsumeStatsProcessor(String brokerAddress, TopicTable topics, SubscriptionGroupTable groups,
                                ConsumeStatsReader reader) {
        this.brokerAddress = brokerAddress;
        this.topics = topics;
        this.groups = groups;
        this.reader = reader;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        boolean orderOnly = request.extBool("isOrder", false);
        ConsumeStatsList list = new ConsumeStatsList();
        list.brokerAddr = brokerAddress;
        for (SubscriptionGroupConfig group : groups.all()) {
            List<ConsumeStats> perTopic = new ArrayList<>();
            for (String topic : reader.topicsWithOffsets(group.groupName)) {
                TopicConfig config = topics.find(topic);
                if (config == null || (orderOnly && !config.order) || !reader.mayReport(group.groupName, topic)) {
                    continue;
                }
                ConsumeStats stats = new ConsumeStats();
                reader.addTopic(stats, group.groupName, topic, config.writeQueueNums);
                list.totalDiff += stats.totalDiff();
                list.totalInflightDiff += stats.inflightDiff();
                perTopic.add(stats);
            }
            list.consumeStatsList.add(Map.of(group.groupName, perTopic));
        }
        return RemotingCommand.success().body(JsonCodec.encode(list));
    }
}
