package io.apogee.broker.stats;

import io.apogee.broker.topic.TopicTable;
import io.apogee.common.text.ClientText;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.MessageQueueBody;
import io.apogee.remoting.body.TopicConfig;
import io.apogee.remoting.body.TopicOffset;
import io.apogee.remoting.body.TopicStatsTable;
import io.apogee.store.MessageStore;

/**
 * GET_TOPIC_STATS_INFO (202, header {@code topic}): a {@link TopicStatsTable} with, for every queue up to
 * max(readQueueNums, writeQueueNums), its min and next offsets and the store time of its newest message (0 when
 * empty), and the topic's stored messages per second over the last minute ({@code topicPutTps}). An unknown topic
 * is TOPIC_NOT_EXIST (17) naming it. docs/protocol/06-admin.md.
 *
 * <p>Thread-safe: stateless apart from thread-safe collaborators.
 */
public final class TopicStatsProcessor implements RequestProcessor {

    private final String brokerName;
    private final MessageStore store;
    private final TopicTable topics;
    private final BrokerStats stats;
    private final StoreTimes times;

    public TopicStatsProcessor(String brokerName, MessageStore store, TopicTable topics, BrokerStats stats) {
        this.brokerName = brokerName;
        this.store = store;
        this.topics = topics;
        this.stats = stats;
        this.times = new StoreTimes(store);
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        String topic = request.requireExt("topic");
        TopicConfig config = topics.find(topic);
        if (config == null) {
            return RemotingCommand.response(ResponseCode.TOPIC_NOT_EXIST,
                    "topic[" + ClientText.of(topic) + "] not exist");
        }
        TopicStatsTable table = new TopicStatsTable();
        int queues = Math.max(config.readQueueNums, config.writeQueueNums);
        for (int q = 0; q < queues; q++) {
            long min = Math.max(0, store.minOffsetInQueue(topic, q));
            long max = Math.max(0, store.maxOffsetInQueue(topic, q));
            table.offsetTable.put(new MessageQueueBody(topic, brokerName, q),
                    new TopicOffset(min, max, times.newest(topic, q)));
        }
        table.topicPutTps = stats.topicPutTps(topic);
        return RemotingCommand.success().body(JsonCodec.encode(table));
    }
}
