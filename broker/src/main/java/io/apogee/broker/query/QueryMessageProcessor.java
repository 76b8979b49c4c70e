package io.apogee.broker.query;

import io.apogee.common.text.ClientText;
import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.ResponseCode;
import io.apogee.store.MessageStore;
import io.apogee.store.index.IndexHits;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Serves QUERY_MESSAGE (12), docs/protocol/06-admin.md §QUERY_MESSAGE: the messages of a topic stored under a key
 * (a {@code KEYS} token or the {@code UNIQ_KEY}), from the store's message index.
 * <ul>
 *   <li>Request headers: {@code topic}, {@code key}, {@code maxNum}, {@code beginTimestamp},
 *       {@code endTimestamp} (ms; all required); 5.4.0 {@code indexType} ({@code K} key, {@code U} unique key —
 *       both read the key index — or {@code T} tag: the messages whose TAGS is {@code key}, from the index's
 *       {@code topic#T#tag} entries) and {@code lastKey} (ignored: the file index has no cursor); ext field
 *       {@code _UNIQUE_KEY_QUERY=true} asks for a unique key, with at most {@value #UNIQUE_KEY_MAX_NUM} answers as
 *       Apache's {@code defaultQueryMaxNum}.</li>
 *   <li>{@code maxNum} is capped at {@value #MAX_NUM} (Apache's {@code maxMsgsNumBatch}).</li>
 *   <li>Answer 0: ext {@code indexLastUpdateTimestamp}, {@code indexLastUpdatePhyoffset}; body = the stored
 *       records back to back, oldest first (the client decodes them like pulled messages and keeps those whose
 *       key matches). Nothing found: QUERY_NOT_FOUND (22) with the same ext fields. A maxNum below 1, a begin
 *       after the end or an unknown indexType: INVALID_PARAMETER (29) naming the value.</li>
 * </ul>
 *
 * <p>A query first waits (at most {@value #DISPATCH_WAIT_MILLIS} ms) until the dispatcher has indexed every record
 * appended before it, so a message is found by key as soon as its send was acknowledged.
 *
 * <p>Thread-safe: stateless; the store's index and commit log are read without locks.
 */
public final class QueryMessageProcessor implements RequestProcessor {

    static final String UNIQUE_KEY_QUERY = "_UNIQUE_KEY_QUERY";
    static final int MAX_NUM = 64;
    static final int UNIQUE_KEY_MAX_NUM = 32;
    /** Longest a query waits (on a worker thread) for the index to catch up with the appends before it. */
    private static final long DISPATCH_WAIT_MILLIS = 1_000;

    private final MessageStore store;

    public QueryMessageProcessor(MessageStore store) {
        this.store = store;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        String topic = request.requireExt("topic");
        String key = request.requireExt("key");
        int maxNum = request.requireExtInt("maxNum");
        long begin = request.requireExtLong("beginTimestamp");
        long end = request.requireExtLong("endTimestamp");
        String indexType = request.ext("indexType");
        boolean unique = request.extBool(UNIQUE_KEY_QUERY, false);
        RemotingCommand refused = refusal(maxNum, begin, end, unique ? null : indexType);
        if (refused != null) {
            return refused;
        }
        boolean byTag = "T".equals(indexType) && !unique;
        int limit = Math.min(unique ? UNIQUE_KEY_MAX_NUM : maxNum, MAX_NUM);
        // read your writes: a message acknowledged before this query is indexed before it is searched for
        store.awaitDispatch(DISPATCH_WAIT_MILLIS);
        IndexHits hits = byTag ? store.queryMessageByTag(topic, key, limit, begin, end)
                : store.queryMessage(topic, key, limit, begin, end);
        byte[] body = records(hits);
        RemotingCommand response = body.length > 0 ? RemotingCommand.success().body(body)
                : RemotingCommand.response(ResponseCode.QUERY_NOT_FOUND, "no message of topic " + ClientText.of(topic)
                        + " with " + (byTag ? "tag " : "key ") + ClientText.of(key) + " stored between " + begin
                        + " and " + end);
        return response.putExt("indexLastUpdateTimestamp", hits.indexLastUpdateTimestamp())
                .putExt("indexLastUpdatePhyoffset", hits.indexLastUpdatePhyOffset());
    }

    private static RemotingCommand refusal(int maxNum, long begin, long end, String indexType) {
        if (maxNum < 1) {
            return invalid("maxNum " + maxNum + " must be at least 1");
        }
        if (begin > end) {
            return invalid("beginTimestamp " + begin + " is after endTimestamp " + end);
        }
        if (indexType != null && !indexType.isEmpty() && !"K".equals(indexType) && !"U".equals(indexType)
                && !"T".equals(indexType)) {
            return invalid("indexType " + indexType + " is not K, U or T");
        }
        return null;
    }

    private static RemotingCommand invalid(String remark) {
        return RemotingCommand.response(ResponseCode.INVALID_PARAMETER, remark);
    }

    /** The records, oldest first, as the client expects them (Apache sorts the offsets ascending). */
    private byte[] records(IndexHits hits) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = hits.offsets().size() - 1; i >= 0; i--) {
            ByteBuffer record = store.lookMessageByOffset(hits.offsets().get(i));
            if (record != null) {
                out.write(record.array(), record.arrayOffset(), record.remaining());
            }
        }
        return out.toByteArray();
    }
}
