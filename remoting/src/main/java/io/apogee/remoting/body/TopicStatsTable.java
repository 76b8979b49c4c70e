package io.apogee.remoting.body;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Answer body of GET_TOPIC_STATS_INFO (202):
 * {@code {"offsetTable":{{"brokerName":"b","queueId":0,"topic":"T"}:TopicOffset,...},"topicPutTps":0.16}} — the
 * offset table with queues as object keys ({@link MessageQueueKeyedSerializer}); {@code topicPutTps} is read by
 * 5.x tools only.
 */
public final class TopicStatsTable {
    @JsonSerialize(using = MessageQueueKeyedSerializer.class)
    public Map<MessageQueueBody, TopicOffset> offsetTable = new LinkedHashMap<>();
    public double topicPutTps;
}
