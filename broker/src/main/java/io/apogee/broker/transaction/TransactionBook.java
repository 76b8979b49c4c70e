package io.apogee.broker.transaction;


import io.apogee.common.message.MessageProperties;
import io.apogee.common.text.ClientText;
import io.apogee.broker.stats.BrokerStats;
import io.apogee.broker.topic.SystemTopics;
import io.apogee.broker.topic.TopicTable;
import io.apogee.remoting.body.TopicConfig;
import io.apogee.store.GetResult;
import io.apogee.store.GetStatus;
import io.apogee.store.MessageDraft;
import io.apogee.store.MessageStore;
import io.apogee.store.PutResult;
import io.apogee.store.StoredMessage;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the two transaction system topics and knows which transactions are settled.
 *
 * <h2>On-disk use of the system topics (each one queue, perm 6, created at start)</h2>
 * <ul>
 *   <li>{@code RMQ_SYS_TRANS_HALF_TOPIC} queue 0: half messages as sent (body, flag, born time/host kept),
 *       sysFlag transaction type 0, plus properties {@code REAL_TOPIC}, {@code REAL_QID}, {@code PGROUP},
 *       {@code __transactionId__}. Every check re-appends the half message at the end of this queue with
 *       {@code TRANSACTION_CHECK_TIMES} incremented (new commit-log and queue offsets, new store time); the
 *       check scan ({@link CheckProgress}) has then passed the older copy, so the newest copy carries the
 *       count across restarts.</li>
 *   <li>{@code RMQ_SYS_TRANS_OP_HALF_TOPIC} queue 0: one "op" record per settled transaction (commit,
 *       rollback or discard after too many checks): tag {@code d}, body = the half-queue offset as decimal
 *       text, properties {@code TAGS=d}, {@code __transactionId__=<id>} and {@code APOGEE_HALF_END=<n>}: every
 *       copy of this transaction in the half queue lies below offset n.</li>
 * </ul>
 * A transaction is identified by its id (the half message's UNIQ_KEY), so that an END_TRANSACTION naming the
 * original half settles every re-appended copy too. The settled ids live in memory, rebuilt from the op topic
 * at start; an id is forgotten once the check scan has passed its {@code APOGEE_HALF_END}.
 *
 * <p>Thread-safe: the settled table is a {@link ConcurrentHashMap}; {@link #settle} is an atomic
 * put-if-absent, so two END_TRANSACTIONs for one half cannot both win. Ordering with the check thread's
 * re-appends ({@link #copied}): the settle reads the highest copy offset after publishing its entry, the
 * check thread extends an existing entry after its append, so one of the two always covers a new copy.
 */
public final class TransactionBook {

    /** Tag of op records. */
    static final String OP_TAG = "d";
    /** Op-record property: every copy of the transaction lies below this half-queue offset. */
    static final String HALF_END = "APOGEE_HALF_END";
    private static final Logger LOG = LoggerFactory.getLogger(TransactionBook.class);
    private static final int PERM_RW = TopicConfig.PERM_READ | TopicConfig.PERM_WRITE;
    private static final int READ_BATCH = 256;
    private static final int READ_BYTES = 8 * 1024 * 1024;

    private final MessageStore store;
    private final TopicTable topics;
    private final InetSocketAddress storeHost;
    private final BrokerStats stats;
    private final ConcurrentHashMap<String, Long> settled = new ConcurrentHashMap<>();
    private volatile long highestCopyOffset = -1;

    /** A book whose op records are counted as puts of the op topic in {@code stats}, as Apache counts them. */
    public TransactionBook(MessageStore store, TopicTable topics, InetSocketAddress storeHost, BrokerStats stats) {
        this.store = store;
        this.topics = topics;
        this.storeHost = storeHost;
        this.stats = stats;
    }

    /**
     * Creates the system topics and reloads the settled ids whose copies may still lie at or above
     * {@code checkOffset}.
     */
    void load(long checkOffset) {
        topics.createIfAbsent(SystemTopics.TRANS_HALF, 1, PERM_RW, 0);
        topics.createIfAbsent(SystemTopics.TRANS_OP_HALF, 1, PERM_RW, 0);
        long offset = store.minOffsetInQueue(SystemTopics.TRANS_OP_HALF, 0);
        long end = store.maxOffsetInQueue(SystemTopics.TRANS_OP_HALF, 0);
        while (offset < end) {
            GetResult r = store.get(SystemTopics.TRANS_OP_HALF, 0, offset, READ_BATCH, READ_BYTES, null);
            try {
                if (r.status() != GetStatus.FOUND) {
                    if (r.nextBeginOffset() <= offset) {
                        break;
                    }
                    offset = r.nextBeginOffset();
                    continue;
                }
                for (ByteBuffer op : r.records()) {
                    remember(op, checkOffset);
                    offset = StoredMessage.queueOffset(op) + 1;
                }
            } finally {
                r.release();
            }
        }
        LOG.info("transactions: {} settled transaction(s) still tracked above half offset {}", settled.size(),
                checkOffset);
    }

    private void remember(ByteBuffer op, long checkOffset) {
        String id = StoredMessage.property(op, MessageProperties.TRANSACTION_ID);
        String end = StoredMessage.property(op, HALF_END);
        if (id == null || end == null) {
            return;
        }
        try {
            long halfEnd = Long.parseLong(end);
            if (halfEnd > checkOffset) {
                settled.merge(id, halfEnd, Math::max);
            }
        } catch (NumberFormatException e) {
            LOG.warn("op record at commit-log offset {} has a malformed {}={}", StoredMessage.physicalOffset(op),
                    HALF_END, end);
        }
    }

    /** True when the transaction was committed, rolled back or discarded. */
    public boolean isSettled(String transactionId) {
        return settled.containsKey(transactionId);
    }

    /** Marks the transaction of {@code half} settled; false when it already was (the caller must do nothing). */
    boolean settle(HalfMessage half) {
        String id = half.transactionId();
        if (settled.putIfAbsent(id, half.halfOffset() + 1) != null) {
            return false;
        }
        long copies = highestCopyOffset + 1;
        settled.computeIfPresent(id, (k, v) -> Math.max(v, copies));
        return true;
    }

    /** Undoes {@link #settle} after the commit could not be stored. */
    void unsettle(HalfMessage half) {
        settled.remove(half.transactionId());
    }

    /** The check thread re-appended a copy of {@code transactionId} at half-queue offset {@code copyOffset}. */
    void copied(String transactionId, long copyOffset) {
        highestCopyOffset = Math.max(highestCopyOffset, copyOffset);
        settled.computeIfPresent(transactionId, (k, v) -> Math.max(v, copyOffset + 1));
    }

    /** Forgets settled ids whose copies all lie below {@code checkOffset}; only the check thread calls this. */
    void forgetBelow(long checkOffset) {
        settled.values().removeIf(halfEnd -> halfEnd <= checkOffset);
    }

    /** Writes the op record of a settled transaction (waits for the store). */
    PutResult writeOp(HalfMessage half) {
        String id = half.transactionId();
        MessageDraft d = MessageDraft.copyOf(half.record(), storeHost);
        d.topic = SystemTopics.TRANS_OP_HALF;
        d.queueId = 0;
        d.flag = 0;
        d.sysFlag &= StoredMessage.FLAG_BORNHOST_V6 | StoredMessage.FLAG_STOREHOST_V6;
        d.body = Long.toString(half.halfOffset()).getBytes(StandardCharsets.UTF_8);
        d.bornTimestamp = System.currentTimeMillis();
        d.reconsumeTimes = 0;
        StringBuilder props = new StringBuilder(96);
        MessageProperties.append(props, MessageProperties.TAGS, OP_TAG);
        MessageProperties.append(props, MessageProperties.TRANSACTION_ID, id);
        MessageProperties.append(props, HALF_END, Long.toString(settled.getOrDefault(id, half.halfOffset() + 1)));
        d.setProperties(props.toString());
        PutResult r = store.put(d).join();
        if (r.isOk()) {
            stats.recordPut(SystemTopics.TRANS_OP_HALF, r.msgCount(), r.wroteBytes());
        } else {
            LOG.error("writing the op record of transaction {} (half offset {}) failed: {} {}", ClientText.of(id),
                    half.halfOffset(), r.status(), r.reason());
        }
        return r;
    }

    /** Settled ids currently tracked (for tests and stats). */
    int trackedCount() {
        return settled.size();
    }
}
