package io.apogee.broker.transaction;

import io.apogee.common.message.MessageProperties;

/**
 * SysFlag bits of transactional messages (docs/protocol/09-message-format.md §3,
 * docs/protocol/10-properties-and-system-topics.md §1); their property keys are in {@link MessageProperties}.
 * The transaction type is {@code sysFlag & 0xC}: 0x0 not transactional, 0x4 prepared (half), 0x8 commit, 0xC rollback.
 *
 * <p>Constants and pure functions only, hence thread-safe.
 */
public final class TransactionKeys {

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
                || "true".equalsIgnoreCase(MessageProperties.valueOf(props, MessageProperties.TRANSACTION_PREPARED));
    }

    /** {@code sysFlag} with its transaction type replaced by {@code type}. */
    public static int withType(int sysFlag, int type) {
        return (sysFlag & ~TYPE_MASK) | type;
    }
}
