package io.apogee.broker.transaction;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.stats.BrokerStats;
import io.apogee.broker.topic.TopicTable;
import io.apogee.common.text.ClientText;
import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.TopicConfig;
import io.apogee.store.MessageStore;
import io.apogee.store.PutResult;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * END_TRANSACTION (37), usually oneway (docs/protocol/04-producer.md §7.2). Headers {@code producerGroup},
 * {@code tranStateTableOffset}, {@code commitLogOffset}, {@code commitOrRollback} (8 commit, 12 rollback, 0 unknown),
 * {@code fromTransactionCheck}.
 *
 * <ul>
 *   <li>0: nothing happens; a later check asks the producer again.</li>
 *   <li>8 / 12: the record at {@code commitLogOffset} must be a half message of that producer group at half-queue
 *       offset {@code tranStateTableOffset} (else SYSTEM_ERROR naming what differs). Commit re-stores it to
 *       {@code REAL_TOPIC}/{@code REAL_QID} with {@code REAL_TOPIC}, {@code REAL_QID}, {@code TRAN_MSG} and
 *       {@code TRANSACTION_CHECK_TIMES} removed and sysFlag type commit (0x8); both then write the op record
 *       ({@link TransactionBook}). A stored commit counts as a put of the real topic in {@link BrokerStats}
 *       (on PUT_OK only, as Apache counts it). A transaction already settled is answered SUCCESS without doing
 *       anything again, so a repeated commit never delivers twice.</li>
 * </ul>
 * Answers to oneway requests are dropped by the channel. Blocks on the store: register it on a worker pool.
 *
 * <p>Thread-safe: stateless apart from the thread-safe book and store.
 */
public final class EndTransactionProcessor implements RequestProcessor {

    static final int UNKNOWN = 0;
    static final int COMMIT = 8;
    static final int ROLLBACK = 12;
    private static final Logger LOG = LoggerFactory.getLogger(EndTransactionProcessor.class);
    private static final int PERM_RW = TopicConfig.PERM_READ | TopicConfig.PERM_WRITE;

    private final BrokerConfig config;
    private final MessageStore store;
    private final TopicTable topics;
    private final TransactionBook book;
    private final InetSocketAddress storeHost;
    private final BrokerStats stats;

    /** A processor counting each committed message as a put of its real topic in {@code stats}. */
    public EndTransactionProcessor(BrokerConfig config, MessageStore store, TopicTable topics, TransactionBook book,
                                   InetSocketAddress storeHost, BrokerStats stats) {
        this.config = config;
        this.store = store;
        this.topics = topics;
        this.book = book;
        this.storeHost = storeHost;
        this.stats = stats;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        String group = request.requireExt("producerGroup");
        long tranStateTableOffset = request.requireExtLong("tranStateTableOffset");
        long commitLogOffset = request.requireExtLong("commitLogOffset");
        int decision = request.requireExtInt("commitOrRollback");
        if (decision == UNKNOWN) {
            return RemotingCommand.success();
        }
        if (decision != COMMIT && decision != ROLLBACK) {
            return error("illegal commitOrRollback=" + decision + ": expected 8 (commit), 12 (rollback) or 0");
        }
        ByteBuffer record = store.lookMessageByOffset(commitLogOffset);
        if (record == null) {
            return error("no message at commit-log offset " + commitLogOffset + " (producer group "
                    + ClientText.of(group) + ")");
        }
        HalfMessage half = HalfMessage.of(record);
        String mismatch = half.mismatch(group, tranStateTableOffset);
        if (mismatch != null) {
            LOG.warn("END_TRANSACTION from {} refused: {}", channel.remoteAddress(), mismatch);
            return error(mismatch);
        }
        if (!book.settle(half)) {
            return RemotingCommand.response(ResponseCode.SUCCESS, "transaction " + ClientText.of(half.transactionId())
                    + " was already ended");
        }
        if (decision == COMMIT) {
            String failure = commit(half);
            if (failure != null) {
                book.unsettle(half);
                return error(failure);
            }
        }
        book.writeOp(half);
        LOG.debug("transaction {} of {} {} (from check: {})", ClientText.of(half.transactionId()),
                ClientText.of(group), decision == COMMIT ? "committed" : "rolled back",
                request.extBool("fromTransactionCheck", false));
        return RemotingCommand.success();
    }

    /** Stores the committed copy; null when stored, else why not. */
    private String commit(HalfMessage half) {
        if (topics.find(half.realTopic()) == null) {
            int queues = Math.max(half.realQueueId() + 1, config.defaultTopicQueueNums);
            LOG.warn("committing transaction {} to unknown topic {}: creating it with {} queues",
                    ClientText.of(half.transactionId()), half.realTopic(), queues);
            topics.createIfAbsent(half.realTopic(), queues, PERM_RW, 0);
        }
        PutResult r = store.put(half.committed(storeHost)).join();
        if (r.isOk()) {
            stats.recordPut(half.realTopic(), r.msgCount(), r.wroteBytes());
        }
        if (r.isStored()) {
            return null;
        }
        return "storing the committed message of transaction " + ClientText.of(half.transactionId()) + " in "
                + half.realTopic() + " failed: " + r.status() + " " + r.reason();
    }

    private static RemotingCommand error(String remark) {
        return RemotingCommand.response(ResponseCode.SYSTEM_ERROR, remark);
    }
}
