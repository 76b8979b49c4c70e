package io.apogee.remoting.body;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Answer body of INVOKE_BROKER_TO_RESET_OFFSET (222) and request body of RESET_CONSUMER_CLIENT_OFFSET (220): the
 * new committed offset of each queue, keyed by the queue <b>as a JSON object</b>, the only key form both client
 * versions read (docs/protocol/08-json-bodies.md §2), written by {@link MessageQueueKeyedSerializer}:
 * <pre>{"offsetTable":{{"brokerName":"broker-a","queueId":0,"topic":"TopicA"}:5,{"brokerName":...}:7}}</pre>
 * Entries in queue order (topic, broker name, queue id). Write-only: Apogee never reads it.
 *
 * <p>Not thread-safe: build it on one thread, then encode.
 */
public final class ResetOffsetBody {

    private static final Comparator<MessageQueueBody> QUEUE_ORDER = Comparator
            .comparing((MessageQueueBody q) -> q.topic)
            .thenComparing(q -> q.brokerName)
            .thenComparingInt(q -> q.queueId);

    @JsonSerialize(using = MessageQueueKeyedSerializer.class)
    public Map<MessageQueueBody, Long> offsetTable = new TreeMap<>(QUEUE_ORDER);
}
