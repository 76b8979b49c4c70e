package io.apogee.tools.cli.message;

import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.admin.MessageOperations;
import io.apogee.tools.admin.PullReply;
import io.apogee.tools.admin.PullStatus;
import io.apogee.tools.message.MessageQueue;
import io.apogee.tools.message.MessageRecord;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads one queue from an offset up to an end offset with PULL_MESSAGE (11) as Apache's tools do (group
 * {@code TOOLS_CONSUMER}, 32 per pull), handing every batch to a consumer and re-filtering by tag like the
 * clients ({@code TagA || TagB}; {@code *} keeps all).
 *
 * <p>Not thread-safe; one reader per queue walk.
 */
final class QueueReader {

    /** Receives one pulled batch. */
    interface Batch {
        void accept(List<MessageRecord> records);
    }

    /** How a walk ended: its last status and the offset it reached. */
    record End(PullStatus status, long offset) {
    }

    private final AdminClient admin;
    private final String addr;
    private final String group;

    QueueReader(AdminClient admin, String addr, String group) {
        this.admin = admin;
        this.addr = addr;
        this.group = group == null ? MessageOperations.TOOLS_CONSUMER_GROUP : group;
    }

    End read(MessageQueue queue, String subExpression, long from, long to, Batch batch) throws AdminException {
        Set<String> tags = tags(subExpression);
        long offset = from;
        PullStatus status = PullStatus.NO_NEW_MSG;
        while (offset < to) {
            PullReply reply = admin.messages().pull(addr, group, queue, subExpression, offset, 32);
            status = reply.status();
            if (reply.status() == PullStatus.NO_NEW_MSG || reply.status() == PullStatus.OFFSET_ILLEGAL
                    || reply.nextBeginOffset() <= offset) {
                return new End(status, reply.nextBeginOffset());
            }
            List<MessageRecord> kept = reply.records().stream()
                    .filter(r -> r.queueOffset() < to)
                    .filter(r -> tags.isEmpty() || tags.contains(r.tags())).toList();
            if (!kept.isEmpty()) {
                batch.accept(kept);
            }
            offset = reply.nextBeginOffset();
        }
        return new End(status, offset);
    }

    /**
     * {min, max} offsets of the walk: the queue's min offset, or the first offset stored at {@code begin}
     * (SEARCH_OFFSET_BY_TIMESTAMP 29); its max offset, or that of {@code end}. The timestamps may be null.
     */
    static long[] range(AdminClient admin, String addr, MessageQueue queue, String begin, String end)
            throws AdminException {
        long min = begin != null ? admin.messages().searchOffset(addr, queue, MessageText.timestamp(begin))
                : admin.messages().minOffset(addr, queue);
        long max = end != null ? admin.messages().searchOffset(addr, queue, MessageText.timestamp(end))
                : admin.messages().maxOffset(addr, queue);
        return new long[] {min, max};
    }

    /** The tags of {@code TagA || TagB}; empty for {@code *} or blank. */
    static Set<String> tags(String subExpression) {
        Set<String> tags = new TreeSet<>();
        if (subExpression == null || subExpression.isBlank() || subExpression.trim().equals("*")) {
            return tags;
        }
        for (String tag : subExpression.split("\\|\\|")) {
            if (!tag.isBlank()) {
                tags.add(tag.trim());
            }
        }
        return tags;
    }
}
