package io.apogee.broker.retention;

import io.apogee.broker.offset.ConsumerOffsetTable;
import io.apogee.broker.topic.SystemTopics;
import io.apogee.store.QueueTrimListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntToLongFunction;
import java.util.function.LongSupplier;

/**
 * Says which readers lost how many unread messages when cleanup deleted the commit-log files holding them.
 * For each trimmed queue range {@code [from, to)} a reader lost the messages at offsets at or above its next
 * offset: every consumer group with a committed offset on the topic (a group without one on this queue lost the
 * whole range), the delay-level scheduler on {@code SCHEDULE_TOPIC_XXXX} (queue id = level - 1), the transaction
 * check on the half topic, and {@value #NO_GROUP} for a topic no group has read. Losses by forced cleanup
 * ({@code cleanFileForciblyEnable=true}) are logged at WARN, losses by expiry ({@code fileReservedTime}) at INFO;
 * both are counted per topic, reader and cause for the broker's runtime stats.
 *
 * <p>Threads: {@link #trimmed} runs on the store's cleanup thread; {@link #counts()} and {@link #total()} may
 * be read from any thread (concurrent map of atomic counters).
 */
public final class UnreadLossReport implements QueueTrimListener {

    /** The reader named when no consumer group has read the topic. */
    public static final String NO_GROUP = "(no consumer group)";
    private static final Logger LOG = LoggerFactory.getLogger(UnreadLossReport.class);

    private final ConsumerOffsetTable offsets;
    private final IntToLongFunction delayOffsetOfLevel;
    private final LongSupplier transactionCheckOffset;
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final AtomicLong total = new AtomicLong();

    /**
     * @param delayOffsetOfLevel     next offset the scheduler delivers from, per delay level
     * @param transactionCheckOffset next half-queue offset the transaction check reads
     */
    public UnreadLossReport(ConsumerOffsetTable offsets, IntToLongFunction delayOffsetOfLevel,
                            LongSupplier transactionCheckOffset) {
        this.offsets = offsets;
        this.delayOffsetOfLevel = delayOffsetOfLevel;
        this.transactionCheckOffset = transactionCheckOffset;
    }

    @Override
    public void trimmed(String topic, int queueId, long fromOffset, long toOffset, Cause cause) {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, Long> reader : readers(topic, queueId).entrySet()) {
            long lost = toOffset - Math.max(fromOffset, reader.getValue());
            if (lost > 0) {
                count(topic, reader.getKey(), cause, lost);
                lines.add(reader.getKey() + " lost " + lost);
            }
        }
        if (lines.isEmpty()) {
            return;
        }
        String what = "deleted unread messages of topic " + topic + " queue " + queueId + " (offsets " + fromOffset
                + ".." + (toOffset - 1) + "): " + String.join(", ", lines);
        if (cause == Cause.FORCED) {
            LOG.warn("cleanFileForciblyEnable=true {} before they expired", what);
        } else {
            LOG.info("fileReservedTime expired: {}", what);
        }
    }

    /** Reader name → the next offset it reads on this queue (-1 when it has none). */
    private Map<String, Long> readers(String topic, int queueId) {
        Map<String, Long> readers = new TreeMap<>();
        if (SystemTopics.SCHEDULE.equals(topic)) {
            readers.put("(delay level " + (queueId + 1) + ")", delayOffsetOfLevel.applyAsLong(queueId + 1));
        } else if (SystemTopics.TRANS_HALF.equals(topic)) {
            readers.put("(transaction check)", transactionCheckOffset.getAsLong());
        } else if (!SystemTopics.TRANS_OP_HALF.equals(topic)) {
            for (String group : offsets.groupsOf(topic)) {
                readers.put(group, offsets.query(group, topic, queueId));
            }
            if (readers.isEmpty()) {
                readers.put(NO_GROUP, -1L);
            }
        }
        return readers;
    }

    private void count(String topic, String reader, Cause cause, long lost) {
        counts.computeIfAbsent(key(topic, reader, cause), k -> new AtomicLong()).addAndGet(lost);
        total.addAndGet(lost);
    }

    /** The counter key: {@code topic@reader:CAUSE}. */
    public static String key(String topic, String reader, Cause cause) {
        return topic + "@" + reader + ":" + cause;
    }

    /** Unread messages deleted so far (since start), by {@link #key}, sorted. */
    public Map<String, Long> counts() {
        Map<String, Long> snapshot = new TreeMap<>();
        counts.forEach((k, v) -> snapshot.put(k, v.get()));
        return snapshot;
    }

    /** All unread messages deleted so far (since start). */
    public long total() {
        return total.get();
    }
}
