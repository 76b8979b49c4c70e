package io.apogee.tools.cli;

import io.apogee.remoting.body.MessageQueueBody;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Queue-keyed tables as mqadmin prints them: sorted like the clients sort MessageQueue (topic, broker name, queue
 * id), and for {@code --json} as a list of {@code {"queue":{...},"value":{...}}} entries (standard JSON, unlike
 * the wire form's object keys).
 *
 * <p>Stateless, hence thread-safe.
 */
public final class QueueRows {

    public static final Comparator<MessageQueueBody> ORDER = Comparator
            .comparing((MessageQueueBody q) -> q.topic)
            .thenComparing(q -> q.brokerName)
            .thenComparingInt(q -> q.queueId);

    private QueueRows() {
    }

    public static <V> Map<MessageQueueBody, V> sorted(Map<MessageQueueBody, V> table) {
        Map<MessageQueueBody, V> sorted = new TreeMap<>(ORDER);
        sorted.putAll(table);
        return sorted;
    }

    public static <V> List<Map<String, Object>> entries(Map<MessageQueueBody, V> table) {
        List<Map<String, Object>> entries = new ArrayList<>();
        sorted(table).forEach((q, v) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("queue", q);
            entry.put("value", v);
            entries.add(entry);
        });
        return entries;
    }
}
