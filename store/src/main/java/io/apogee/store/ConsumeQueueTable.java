package io.apogee.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * All consume queues, by topic then queue id. Queue objects are created on first use (by the appender or by
 * recovery); their files appear when the dispatcher writes the first unit.
 *
 * <p>Threads: topics live in a {@link ConcurrentHashMap}; each topic's queues in an array that is replaced
 * (copy on write) under the topic's monitor and published through a volatile field, so lookups take no lock
 * and allocate nothing. Admin deletion ({@link #deleteTopic}, {@link #deleteQueue}) unpublishes queues the same
 * way; the store calls it only once the dispatcher has caught up with the commit log, and a queue the appender
 * picked just before stays usable memory (a unit it gets later starts a new queue).
 */
final class ConsumeQueueTable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumeQueueTable.class);

    private final Path root;
    private final int fileSize;
    private final ConcurrentHashMap<String, TopicQueues> topics = new ConcurrentHashMap<>();

    ConsumeQueueTable(Path root, int fileSize) {
        this.root = root;
        this.fileSize = fileSize;
    }

    /** The queue, or null when it has never been used. */
    ConsumeQueue find(String topic, int queueId) {
        TopicQueues t = topics.get(topic);
        return t == null ? null : t.get(queueId);
    }

    boolean knowsTopic(String topic) {
        return topics.containsKey(topic);
    }

    /** The queue, created (without files) when new. The caller has checked that the topic is a legal file name. */
    ConsumeQueue getOrCreate(String topic, int queueId) {
        TopicQueues t = topics.get(topic);
        if (t == null) {
            t = topics.computeIfAbsent(topic, TopicQueues::new);
        }
        ConsumeQueue q = t.get(queueId);
        return q != null ? q : t.create(queueId);
    }

    /** Loads every queue found under the consume-queue root. */
    void load() throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        for (Path topicDir : list(root)) {
            String topic = topicDir.getFileName().toString();
            for (Path queueDir : list(topicDir)) {
                String name = queueDir.getFileName().toString();
                if (!name.matches("\\d{1,9}")) {
                    LOG.warn("ignoring {}: not a queue id directory", queueDir);
                    continue;
                }
                getOrCreate(topic, Integer.parseInt(name)).load();
            }
        }
    }

    void forEach(Consumer<ConsumeQueue> action) {
        for (TopicQueues t : topics.values()) {
            for (ConsumeQueue q : t.queues) {
                if (q != null) {
                    action.accept(q);
                }
            }
        }
    }

    /** Names of the topics that have queues (a snapshot). */
    Set<String> topics() {
        return new TreeSet<>(topics.keySet());
    }

    /**
     * Forgets every queue of {@code topic} and deletes their files and directory. A reader still holding a
     * queue keeps reading valid memory (files are never unmapped, see {@link MappedFileQueue}); a message of the
     * topic dispatched later starts a new queue.
     *
     * @return number of queues removed
     */
    int deleteTopic(String topic) throws IOException {
        TopicQueues t = topics.remove(topic);
        if (t == null) {
            return 0;
        }
        int removed = 0;
        for (ConsumeQueue q : t.queues) {
            if (q != null) {
                q.close();
                removed++;
            }
        }
        deleteTree(root.resolve(topic));
        return removed;
    }

    /** Forgets one queue and deletes its files (a topic left without queues goes too); false when unknown. */
    boolean deleteQueue(String topic, int queueId) throws IOException {
        TopicQueues t = topics.get(topic);
        ConsumeQueue q = t == null ? null : t.remove(queueId);
        if (q == null) {
            return false;
        }
        q.close();
        deleteTree(root.resolve(topic).resolve(Integer.toString(queueId)));
        synchronized (t) {
            if (Arrays.stream(t.queues).allMatch(Objects::isNull) && topics.remove(topic, t)) {
                deleteTree(root.resolve(topic));
            }
        }
        return true;
    }

    /**
     * Up to {@code count} units of a queue from logical offset {@code from} (clamped to the queue's min offset),
     * stopping at its max offset; empty for an unknown queue.
     */
    List<QueueUnit> units(String topic, int queueId, long from, int count) {
        ConsumeQueue q = find(topic, queueId);
        List<QueueUnit> out = new ArrayList<>();
        if (q == null) {
            return out;
        }
        long max = q.maxOffset();
        for (long offset = Math.max(from, q.minOffset()); offset < max && out.size() < count; offset++) {
            MappedFile f = q.fileOf(offset);
            if (f == null) {
                continue;
            }
            int at = ConsumeQueue.positionIn(f, offset);
            ByteBuffer b = f.buffer();
            out.add(new QueueUnit(offset, b.getLong(at), b.getInt(at + 8), b.getLong(at + 12)));
        }
        return out;
    }

    /** End (offset + size) of the record the queue's last unit points at; -1 for a queue without units. */
    static long lastRecordEnd(ConsumeQueue q) {
        long max = q.maxOffset();
        MappedFile f = max == 0 ? null : q.fileOf(max - 1);
        if (f == null) {
            return -1;
        }
        int at = ConsumeQueue.positionIn(f, max - 1);
        return f.buffer().getLong(at) + f.buffer().getInt(at + 8);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** All queues (a snapshot). */
    List<ConsumeQueue> all() {
        List<ConsumeQueue> out = new ArrayList<>();
        forEach(out::add);
        return out;
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }

    /** The queues of one topic, indexed by queue id. */
    private final class TopicQueues {
        private final String topic;
        private volatile ConsumeQueue[] queues = new ConsumeQueue[0];

        TopicQueues(String topic) {
            this.topic = topic;
        }

        ConsumeQueue get(int queueId) {
            ConsumeQueue[] qs = queues;
            return queueId >= 0 && queueId < qs.length ? qs[queueId] : null;
        }

        synchronized ConsumeQueue remove(int queueId) {
            ConsumeQueue existing = get(queueId);
            if (existing != null) {
                ConsumeQueue[] shrunk = queues.clone();
                shrunk[queueId] = null;
                queues = shrunk;
            }
            return existing;
        }

        synchronized ConsumeQueue create(int queueId) {
            ConsumeQueue existing = get(queueId);
            if (existing != null) {
                return existing;
            }
            ConsumeQueue[] grown = Arrays.copyOf(queues, Math.max(queues.length, queueId + 1));
            grown[queueId] = new ConsumeQueue(topic, queueId,
                    root.resolve(topic).resolve(Integer.toString(queueId)), fileSize);
            queues = grown;
            return grown[queueId];
        }
    }
}
