package io.apogee.broker.stats;

import io.apogee.broker.topic.TopicTable;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.body.ConsumeStats;
import io.apogee.remoting.body.TopicConfig;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * GET_CONSUME_STATS (208, headers {@code consumerGroup}, optional {@code topic}, optional 5.x {@code topicList}
 * "A;B;"): a {@link ConsumeStats} with, per read queue of each topic, the queue's next offset, the group's committed
 * and pulled offsets and the store time of its last consumed message, and the group's messages per second over the
 * last minute. Topics: the {@code topicList} when given, else {@code topic}, else every topic the group committed
 * offsets on; without {@code topicList}, a topic the group (online, with subscriptions) does not subscribe is left
 * out, as are topics this broker does not know. As Apache, a group with nothing to report (unknown group included)
 * gets SUCCESS with an empty table — the tools then say the group has consumed nothing — and Apogee adds a remark
 * naming the group. docs/protocol/06-admin.md.
 *
 * <p>Thread-safe: stateless apart from thread-safe collaborators.
 */
public final class ConsumeStatsProcessor implements RequestProcessor {

    private final TopicTable topics;
    private final ConsumeStatsReader reader;

    ConsumeStatsProcessor(TopicTable topics, ConsumeStatsReader reader) {
        this.topics = topics;
        this.reader = reader;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        String group = request.requireExt("consumerGroup");
        ConsumeStats stats = new ConsumeStats();
        for (String topic : topicsOf(request, group)) {
            TopicConfig config = topics.find(topic);
            if (config != null) {
                reader.addTopic(stats, group, topic, config.readQueueNums);
            }
        }
        RemotingCommand answer = RemotingCommand.success().body(JsonCodec.encode(stats));
        return stats.offsetTable.isEmpty()
                ? answer.remark("consumer group " + group + " has no consume progress on the requested topics here")
                : answer;
    }

    private Set<String> topicsOf(RemotingCommand request, String group) {
        String list = request.ext("topicList");
        if (list != null && !list.isBlank()) {
            Set<String> listed = new LinkedHashSet<>(Arrays.asList(list.split(";")));
            listed.removeIf(String::isBlank);
            return listed;
        }
        String topic = request.ext("topic");
        Set<String> chosen = topic == null || topic.isBlank() ? reader.topicsWithOffsets(group) : Set.of(topic);
        Set<String> reported = new LinkedHashSet<>(chosen);
        reported.removeIf(t -> !reader.mayReport(group, t));
        return reported;
    }
}
