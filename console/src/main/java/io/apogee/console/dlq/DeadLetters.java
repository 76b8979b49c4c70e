package io.apogee.console.dlq;

import io.apogee.console.web.Paging;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.TopicOffset;
import io.apogee.remoting.body.TopicRouteData;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.admin.BrokerLocator;
import io.apogee.tools.admin.MessageOperations;
import io.apogee.tools.admin.PullReply;
import io.apogee.tools.admin.PullStatus;
import io.apogee.tools.message.MessageQueue;
import io.apogee.tools.message.MessageRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads dead-letter topics over the admin protocol: which groups have one (the name servers' topic list) and how
 * many dead letters each holds (GET_TOPIC_STATS_INFO), the stored offset spans of a group's queues (GET_MIN_OFFSET,
 * GET_MAX_OFFSET on each master), and a page of them (PULL_MESSAGE from the page's window of each queue).
 *
 * <p>Thread-safe: holds only the thread-safe {@link AdminClient}.
 */
public final class DeadLetters {

    private static final int PULL_BATCH = 32;

    private final AdminClient admin;

    public DeadLetters(AdminClient admin) {
        this.admin = admin;
    }

    /** The groups with a dead-letter topic, sorted, each with its count or why it has none. */
    public List<DlqGroup> groups() throws AdminException {
        List<DlqGroup> groups = new ArrayList<>();
        for (String topic : admin.topicList().topicList) {
            if (topic.startsWith(DlqGroup.PREFIX) && topic.length() > DlqGroup.PREFIX.length()) {
                groups.add(count(topic.substring(DlqGroup.PREFIX.length())));
            }
        }
        return groups;
    }

    private DlqGroup count(String group) {
        try {
            long count = 0;
            for (TopicOffset queue : admin.topicStats(DlqGroup.PREFIX + group).offsetTable.values()) {
                count += Math.max(0, queue.maxOffset - queue.minOffset);
            }
            return new DlqGroup(group, count, "");
        } catch (AdminException e) {
            return new DlqGroup(group, -1, e.getMessage());
        }
    }

    /** The stored offsets of every read queue of {@code %DLQ%<group>}, in queue order. */
    public List<QueueSpan> spans(String group) throws AdminException {
        String topic = DlqGroup.PREFIX + group;
        TopicRouteData route = admin.route(topic);
        Map<String, String> masters = BrokerLocator.masters(route);
        List<QueueSpan> spans = new ArrayList<>();
        for (MessageQueue queue : BrokerLocator.readQueues(topic, route)) {
            String addr = masters.get(queue.brokerName());
            MessageOperations messages = admin.messages();
            spans.add(new QueueSpan(queue, addr, messages.minOffset(addr, queue), messages.maxOffset(addr, queue)));
        }
        return spans;
    }

    /** One-message spans of the chosen positions; fails when one names a broker without a queue of the topic. */
    public List<QueueSpan> spansAt(String group, List<Position> positions) throws AdminException {
        String topic = DlqGroup.PREFIX + group;
        Map<String, String> masters = BrokerLocator.masters(admin.route(topic));
        List<QueueSpan> spans = new ArrayList<>();
        for (Position at : positions) {
            String addr = masters.get(at.brokerName());
            if (addr == null) {
                throw AdminException.illegal("Broker " + at.brokerName() + " has no master serving " + topic + ".");
            }
            spans.add(new QueueSpan(at.queue(topic), addr, at.offset(), at.offset() + 1));
        }
        return spans;
    }

    /** Page {@code page} (1-based, clamped) of the group's dead letters. */
    public DlqPage page(String group, int page) {
        List<DeadLetterRow> rows = new ArrayList<>();
        Paging paging = Paging.of(page, 0, "");
        try {
            List<QueueSpan> spans = spans(group);
            long total = spans.stream().mapToLong(QueueSpan::size).sum();
            paging = Paging.of(page, (int) Math.min(Integer.MAX_VALUE, total), "");
            long skip = (long) (paging.page() - 1) * Paging.SIZE;
            long wanted = Paging.SIZE;
            for (QueueSpan span : spans) {
                if (skip >= span.size()) {
                    skip -= span.size();
                    continue;
                }
                QueueSpan window = span.window(span.from() + skip, wanted);
                skip = 0;
                wanted -= window.size();
                read(window, rows);
                if (wanted <= 0) {
                    break;
                }
            }
            return new DlqPage(rows, paging, "");
        } catch (AdminException e) {
            String why = e.code() == ResponseCode.TOPIC_NOT_EXIST
                    ? "Group " + group + " has no dead-letter topic " + DlqGroup.PREFIX + group + "."
                    : "The cluster did not answer: " + e.getMessage();
            return new DlqPage(rows, paging, why);
        }
    }

    private void read(QueueSpan window, List<DeadLetterRow> rows) throws AdminException {
        long offset = window.from();
        while (offset < window.to()) {
            long before = offset;
            PullReply reply = admin.messages().pull(window.addr(), MessageOperations.TOOLS_CONSUMER_GROUP,
                    window.queue(), "*", offset, (int) Math.min(PULL_BATCH, window.to() - offset));
            if (reply.status() != PullStatus.FOUND || reply.records().isEmpty()) {
                return;
            }
            for (MessageRecord r : reply.records()) {
                if (r.queueOffset() >= offset && r.queueOffset() < window.to()) {
                    Position at = new Position(window.queue().brokerName(), window.queue().queueId(),
                            r.queueOffset());
                    rows.add(DeadLetterRow.of(at, r));
                    offset = r.queueOffset() + 1;
                }
            }
            offset = Math.max(offset, reply.nextBeginOffset());
            if (offset <= before) {
                return;
            }
        }
    }
}
