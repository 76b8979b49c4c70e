package io.apogee.remoting.body;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Answer body of GET_CONSUME_STATS (208) and an element of {@link ConsumeStatsList}:
 * {@code {"consumeTps":2.2,"offsetTable":{{"brokerName":"b","queueId":3,"topic":"T"}:OffsetWrapper,...}}} — queues
 * as object keys ({@link MessageQueueKeyedSerializer}).
 */
public final class ConsumeStats {
    @JsonSerialize(using = MessageQueueKeyedSerializer.class)
    public Map<MessageQueueBody, OffsetWrapper> offsetTable = new LinkedHashMap<>();
    public double consumeTps;

    /** Messages not yet consumed over every queue: the sum of brokerOffset − consumerOffset. */
    public long totalDiff() {
        long diff = 0;
        for (OffsetWrapper w : offsetTable.values()) {
            diff += w.brokerOffset - w.consumerOffset;
        }
        return diff;
    }

    /** Messages pulled but not yet committed over every queue: the sum of pullOffset − consumerOffset. */
    public long inflightDiff() {
        long diff = 0;
        for (OffsetWrapper w : offsetTable.values()) {
            diff += w.pullOffset - w.consumerOffset;
        }
        return diff;
    }
}
