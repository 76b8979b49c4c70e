package io.apogee.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * What one scan of the soak topic found: the soak keys stored, those stored more than once, and the corrupt
 * entries by the cycle of their key ({@link SoakMessage#NO_CYCLE} for entries without a readable soak key and
 * for unreadable queue entries). Set against the acknowledged keys, it gives {@link SoakCounts} for one cycle
 * or for all. Keeps the first few findings as examples for the report.
 *
 * <p>Not thread-safe: filled by one scan, then read, on one thread.
 */
final class SoakTally {

    private static final int MAX_EXAMPLES = 10;
    private static final int SHOWN_BODY_CHARS = 80;

    private final Set<String> stored = new HashSet<>();
    private final Set<String> duplicated = new HashSet<>();
    private final Map<Integer, Long> corrupt = new HashMap<>();
    private final List<String> examples = new ArrayList<>();
    private long messages;

    /** Counts one stored message. */
    void add(MessageExt message) {
        messages++;
        String key = message.getKeys();
        int cycle = SoakMessage.cycleOf(key);
        if (cycle == SoakMessage.NO_CYCLE || !SoakMessage.intact(key, message.getBody())) {
            corrupt.merge(cycle, 1L, Long::sum);
            example("corrupt: queue " + message.getQueueId() + " offset " + message.getQueueOffset() + " key " + key
                    + " body " + shown(message.getBody()));
        }
        if (cycle != SoakMessage.NO_CYCLE && !stored.add(key) && duplicated.add(key)) {
            example("duplicated: " + key + " (again at queue " + message.getQueueId() + " offset "
                    + message.getQueueOffset() + ")");
        }
    }

    /** Counts queue entries that could not be read as corrupt. */
    void unreadable(long entries) {
        if (entries > 0) {
            corrupt.merge(SoakMessage.NO_CYCLE, entries, Long::sum);
            example("unreadable: " + entries + " queue entries below the max offset");
        }
    }

    /** The findings for the acknowledged keys and stored entries whose cycle passes {@code cycles}. */
    SoakCounts counts(List<String> acked, IntPredicate cycles) {
        long ackedCount = 0;
        long lost = 0;
        for (String key : acked) {
            if (cycles.test(SoakMessage.cycleOf(key))) {
                ackedCount++;
                if (!stored.contains(key)) {
                    lost++;
                    example("lost: " + key);
                }
            }
        }
        long bad = corrupt.entrySet().stream().filter(e -> cycles.test(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
        long twice = duplicated.stream().filter(k -> cycles.test(SoakMessage.cycleOf(k))).count();
        return new SoakCounts(ackedCount, lost, bad, twice);
    }

    /** Messages read, including corrupt ones and every copy of a duplicate. */
    long messages() {
        return messages;
    }

    /** Distinct soak keys stored. */
    long keys() {
        return stored.size();
    }

    List<String> examples() {
        return List.copyOf(examples);
    }

    private void example(String finding) {
        if (examples.size() < MAX_EXAMPLES && !examples.contains(finding)) {
            examples.add(finding);
        }
    }

    private static String shown(byte[] body) {
        if (body == null) {
            return "null";
        }
        String text = new String(body, 0, Math.min(body.length, SHOWN_BODY_CHARS), StandardCharsets.US_ASCII);
        return body.length + " bytes '" + text + (body.length > SHOWN_BODY_CHARS ? "...'" : "'");
    }
}
