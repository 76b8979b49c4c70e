package io.apogee.broker.offset;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.apogee.common.io.ConfigFile;
import io.apogee.remoting.JsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Committed consumer offsets: {@code "topic@group" -> queueId -> next offset to consume}, persisted in
 * {@code <configDir>/consumerOffset.json} as {@code {"offsetTable":{"T@G":{"0":5,"1":7}}}} (RocketMQ's
 * layout; the file an Apache broker writes, with bare numeric queue ids, loads too). The file is replaced
 * atomically by {@link #flush()}, which writes only when something changed since the last flush.
 *
 * <p>Thread-safe: offsets live in concurrent maps (a commit is one map put); {@link #flush()} is
 * serialized on this object and may run concurrently with commits (a commit racing a flush is written by
 * the next flush).
 */
public final class ConsumerOffsetTable {

    /** Apache brokers write queue ids as bare numbers ({@code {"T@G":{0:15}}}), which strict JSON refuses. */
    private static final ObjectMapper APACHE_TOLERANT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES).build();

    private static final char SEPARATOR = '@';

    private final ConcurrentHashMap<String, ConcurrentHashMap<Integer, Long>> table = new ConcurrentHashMap<>();
    private final PendingResets resets = new PendingResets(System::currentTimeMillis);
    private final ConfigFile file;
    private volatile boolean dirty;

    public ConsumerOffsetTable(Path configDir) {
        this.file = new ConfigFile(configDir.resolve("consumerOffset.json"));
    }

    /** Loads the file if present; a malformed file is an {@link IllegalStateException} naming it. */
    public synchronized void load() {
        try {
            byte[] content = file.readOrNull();
            if (content == null) {
                return;
            }
            JsonNode offsets = APACHE_TOLERANT.readTree(content).path("offsetTable");
            for (Iterator<Map.Entry<String, JsonNode>> it = offsets.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                ConcurrentHashMap<Integer, Long> queues = new ConcurrentHashMap<>();
                entry.getValue().fields()
                        .forEachRemaining(q -> queues.put(Integer.valueOf(q.getKey()), q.getValue().asLong()));
                table.put(entry.getKey(), queues);
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read " + file.path() + ": " + e.getMessage(), e);
        }
    }

    /** The committed offset, or -1 when the group has none for this queue. */
    public long query(String group, String topic, int queueId) {
        ConcurrentHashMap<Integer, Long> queues = table.get(key(topic, group));
        if (queues == null) {
            return -1;
        }
        Long offset = queues.get(queueId);
        return offset == null ? -1 : offset;
    }

    /** Stores a committed offset (the next offset the group will consume). */
    public void commit(String group, String topic, int queueId, long offset) {
        table.computeIfAbsent(key(topic, group), k -> new ConcurrentHashMap<>()).put(queueId, offset);
        dirty = true;
    }

    /** All offsets of a group on a topic (queueId to offset); empty when none. A live view: do not modify. */
    public Map<Integer, Long> offsets(String group, String topic) {
        ConcurrentMap<Integer, Long> queues = table.get(key(topic, group));
        return queues == null ? Map.of() : queues;
    }

    /** Groups that have committed an offset on this topic. */
    public Set<String> groupsOf(String topic) {
        Set<String> groups = new TreeSet<>();
        String prefix = topic + SEPARATOR;
        for (String key : table.keySet()) {
            if (key.startsWith(prefix)) {
                groups.add(key.substring(prefix.length()));
            }
        }
        return groups;
    }

    /** Topics on which the group has committed an offset, sorted. */
    public Set<String> topicsOf(String group) {
        Set<String> topics = new TreeSet<>();
        String suffix = SEPARATOR + group;
        for (String key : table.keySet()) {
            if (key.endsWith(suffix) && key.length() > suffix.length()) {
                topics.add(key.substring(0, key.length() - suffix.length()));
            }
        }
        return topics;
    }

    /**
     * Slave: merges its master's offsets (metadata sync), keeping per queue the larger of the two, so offsets
     * consumers committed here while the master was down are not rewound when it returns (Apache overwrites them).
     *
     * @return number of queue offsets that moved
     */
    public int mergeFromMaster(Map<String, Map<Integer, Long>> master) {
        int moved = 0;
        for (Map.Entry<String, Map<Integer, Long>> e : master.entrySet()) {
            if (e.getValue() == null || e.getKey().indexOf(SEPARATOR) <= 0) {
                continue;
            }
            ConcurrentHashMap<Integer, Long> queues = table.computeIfAbsent(e.getKey(), k -> new ConcurrentHashMap<>());
            for (Map.Entry<Integer, Long> q : e.getValue().entrySet()) {
                if (q.getKey() == null || q.getValue() == null) {
                    continue;
                }
                Long before = queues.get(q.getKey());
                if (!queues.merge(q.getKey(), q.getValue(), Math::max).equals(before)) {
                    moved++;
                }
            }
        }
        if (moved > 0) {
            dirty = true;
        }
        return moved;
    }

    /** A sorted copy of every committed offset: "topic@group" to queue id to offset (GET_ALL_CONSUMER_OFFSET). */
    public Map<String, Map<Integer, Long>> snapshot() {
        Map<String, Map<Integer, Long>> sorted = new TreeMap<>();
        table.forEach((k, v) -> sorted.put(k, new TreeMap<>(v)));
        return sorted;
    }

    /**
     * Copies the group {@code from}'s offsets on {@code topic} to the group {@code to}, replacing the latter's
     * offsets on that topic; returns how many queues were copied (0 when {@code from} has none there).
     */
    public int copy(String from, String to, String topic) {
        Map<Integer, Long> source = table.get(key(topic, from));
        if (source == null || source.isEmpty()) {
            return 0;
        }
        ConcurrentHashMap<Integer, Long> copy = new ConcurrentHashMap<>(source);
        table.put(key(topic, to), copy);
        dirty = true;
        return copy.size();
    }

    /**
     * Commits {@code offset} and holds it as a pending reset ({@link PendingResets}) until the group's clients
     * commit it themselves: meanwhile {@link #takesCommit} refuses their other commits of the queue and
     * {@link #pullMovedTo} moves their pulls from other offsets to it.
     */
    public void assignReset(String group, String topic, int queueId, long offset) {
        commit(group, topic, queueId, offset);
        resets.assign(key(topic, group), queueId, offset);
    }

    /**
     * Commits {@code offset} and ignores the group's clients' other commits of the queue until they commit it
     * themselves (or {@link PendingResets#HOLD_MILLIS} pass); unlike {@link #assignReset}, pulls are served as asked.
     */
    public void holdCommit(String group, String topic, int queueId, long offset) {
        commit(group, topic, queueId, offset);
        resets.assign(key(topic, group), queueId, offset, false);
    }

    /**
     * Whether a client's commit of {@code offset} may be applied (see {@link PendingResets#takesCommit}). Allocates
     * nothing while no reset is pending, like {@link #pullMovedTo}.
     */
    public boolean takesCommit(String group, String topic, int queueId, long offset) {
        return resets.isEmpty() || resets.takesCommit(key(topic, group), queueId, offset);
    }

    /** The offset a pull from {@code pulledFrom} must move to because of a pending reset, or -1. */
    public long pullMovedTo(String group, String topic, int queueId, long pulledFrom) {
        return resets.isEmpty() ? -1 : resets.moveTo(key(topic, group), queueId, pulledFrom);
    }

    /** Forgets every group's offsets on a topic (admin delete of a topic). */
    public void removeTopic(String topic) {
        String prefix = topic + SEPARATOR;
        resets.removeKeysStartingWith(prefix);
        if (table.keySet().removeIf(k -> k.startsWith(prefix))) {
            dirty = true;
        }
    }

    /** Forgets every offset of a group (admin delete of a group). */
    public void removeGroup(String group) {
        String suffix = SEPARATOR + group;
        resets.removeKeysEndingWith(suffix);
        if (table.keySet().removeIf(k -> k.endsWith(suffix))) {
            dirty = true;
        }
    }

    /** Writes the file if anything changed since the last flush. */
    public synchronized void flush() {
        if (!dirty) {
            return;
        }
        dirty = false;
        Map<String, Map<Integer, Long>> sorted = snapshot();
        try {
            file.write(JsonCodec.encode(Map.of("offsetTable", sorted)));
        } catch (IOException e) {
            dirty = true;
            throw new UncheckedIOException("cannot write " + file.path(), e);
        }
    }

    private static String key(String topic, String group) {
        return topic + SEPARATOR + group;
    }
}
