package io.apogee.broker.transaction;

import io.apogee.broker.send.MessageProperties;

/**
 * Property keys and sysFlag bits of transactional messages (09 §3, 10 §1). The transaction type is
 * {@code sysFlag & 0xC}: 0x0 not transactional, 0x4 prepared (half), 0x8 commit, 0xC rollback.
 *
 * <p>Constants and pure functions only, hence thread-safe.
 */
public final class TransactionKeys {

    /** {@code true} on half messages (set by the transactional producer). */
    public static final String PREPARED = "TRAN_MSG";
    /** The producer group to ask in CHECK_TRANSACTION_STATE. */
    public static final String PRODUCER_GROUP = "PGROUP";
    /** The transaction id (the message's UNIQ_KEY). */
    public static final String TRANSACTION_ID = "__transactionId__";
    /** How many times the broker has asked about a half message. */
    public static final String CHECK_TIMES = "TRANSACTION_CHECK_TIMES";
    /** Per-message first-check delay in seconds (overrides {@code transactionTimeOut} when longer). */
    public static final String CHECK_IMMUNITY_SECONDS = "CHECK_IMMUNITY_TIME_IN_SECONDS";
    public static final String REAL_TOPIC = "REAL_TOPIC";
    public static final String REAL_QID = "REAL_QID";

    public static final int TYPE_MASK = 0xC;
    public static final int NOT_TYPE = 0x0;
    public static final int PREPARED_TYPE = 0x4;
    public static final int COMMIT_TYPE = 0x8;
    public static final int ROLLBACK_TYPE = 0xC;

    private TransactionKeys() {
    }

    /** True for a half message: sysFlag type 0x4 or property {@code TRAN_MSG=true}. */
    public static boolean isPrepared(int sysFlag, String props) {
        return (sysFlag & TYPE_MASK) == PREPARED_TYPE
                || "true".equalsIgnoreCase(MessageProperties.valueOf(props, PREPARED));
    }

    /** {@code sysFlag} with its transaction type replaced by {@code type}. */
    public static int withType(int sysFlag, int type) {
        return (sysFlag & ~TYPE_MASK) | type;
    }
}
