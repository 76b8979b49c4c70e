package io.apogee.console.message;

import io.apogee.remoting.ResponseCode;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The three message searches of the messages page, over the admin protocol: by business key (QUERY_MESSAGE on every
 * master of the topic), by message id (the client's msgId through the UNIQ_KEY index, else the broker's
 * offsetMsgId through VIEW_MESSAGE_BY_ID) and by time range (per read queue: the offset at the begin time, then
 * pulls forward until a message was stored after the end). At most {@value #LIMIT} rows, ordered by store time.
 * A failure becomes the result's problem sentence, never an exception.
 *
 * <p>Thread-safe: holds only the thread-safe {@link AdminClient}.
 */
public final class MessageSearch {

    /** Most rows a search shows. */
    public static final int LIMIT = 64;
    private static final int PULL_BATCH = 32;

    private final AdminClient admin;

    public MessageSearch(AdminClient admin) {
        this.admin = admin;
    }

    /** Runs the search {@code query} asks for (a query that passed its checks). */
    public SearchResult run(SearchQuery query) {
        List<MessageRow> rows = new ArrayList<>();
        try {
            boolean more = switch (query.mode()) {
                case "id" -> byId(query, rows);
                case "time" -> byTime(query, rows);
                default -> byKey(query, rows);
            };
            rows.sort(Comparator.comparingLong(MessageRow::storeTimestamp));
            return new SearchResult(rows, more, "");
        } catch (AdminException e) {
            return new SearchResult(rows, false, problem(query.topic(), e));
        }
    }

    /** A sentence for a failed lookup of {@code topic}. */
    static String problem(String topic, AdminException e) {
        if (e.code() == ResponseCode.TOPIC_NOT_EXIST) {
            return "Topic '" + topic + "' does not exist: no name server knows a route for it.";
        }
        return "The cluster did not answer the search: " + e.getMessage();
    }

    private boolean byKey(SearchQuery query, List<MessageRow> rows) throws AdminException {
        List<MessageRecord> found = admin.queryByKey(query.topic(), query.key(), LIMIT, query.begin(), query.end());
        found.stream().limit(LIMIT).map(MessageRow::of).forEach(rows::add);
        return found.size() > LIMIT;
    }

    private boolean byId(SearchQuery query, List<MessageRow> rows) throws AdminException {
        new MessageLookup(admin).find(query.topic(), query.msgId()).map(MessageRow::of).ifPresent(rows::add);
        return false;
    }

    private boolean byTime(SearchQuery query, List<MessageRow> rows) throws AdminException {
        TopicRouteData route = admin.route(query.topic());
        Map<String, String> masters = BrokerLocator.masters(route);
        for (MessageQueue queue : BrokerLocator.readQueues(query.topic(), route)) {
            if (pullRange(masters.get(queue.brokerName()), queue, query, rows)) {
                return true;
            }
        }
        return false;
    }

    /** Adds the queue's messages stored in the query's range; true when the limit cut the list. */
    private boolean pullRange(String addr, MessageQueue queue, SearchQuery query, List<MessageRow> rows)
            throws AdminException {
        MessageOperations messages = admin.messages();
        long offset = messages.searchOffset(addr, queue, query.begin());
        while (true) {
            PullReply reply = messages.pull(addr, MessageOperations.TOOLS_CONSUMER_GROUP, queue, "*", offset,
                    PULL_BATCH);
            if (reply.status() != PullStatus.FOUND || reply.records().isEmpty()) {
                return false;
            }
            for (MessageRecord r : reply.records()) {
                if (r.storeTimestamp() > query.end()) {
                    return false;
                }
                if (r.storeTimestamp() >= query.begin()) {
                    if (rows.size() == LIMIT) {
                        return true;
                    }
                    rows.add(MessageRow.of(r));
                }
            }
            if (reply.nextBeginOffset() <= offset) {
                return false;
            }
            offset = reply.nextBeginOffset();
        }
    }
}
