package io.apogee.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * All consume queues, by topic then queue id. Queue objects are created on first use (by the appender or by
 * recovery); their files appear when the dispatcher writes the first unit.
 *
 * <p>Threads: topics live in a {@link ConcurrentHashMap}; each topic's queues in an array that is replaced
 * (copy on write) under the topic's monitor and published through a volatile field, so lookups take no lock
 * and allocate nothing.
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
