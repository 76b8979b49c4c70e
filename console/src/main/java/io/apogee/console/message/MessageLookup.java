package io.apogee.console.message;

import io.apogee.common.message.OffsetMsgId;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.message.MessageRecord;
import java.util.List;
import java.util.Optional;

/**
 * Finds one message of a topic by an id a person pasted: first as the client's msgId (QUERY_MESSAGE on the UNIQ_KEY
 * index of every master of the topic, the last 3 days), then as the broker's offsetMsgId (VIEW_MESSAGE_BY_ID at the
 * store host the id names). Both are 32 hex digits for IPv4, so both are tried.
 *
 * <p>Thread-safe: holds only the thread-safe {@link AdminClient}.
 */
public final class MessageLookup {

    private final AdminClient admin;

    public MessageLookup(AdminClient admin) {
        this.admin = admin;
    }

    /**
     * The message, or empty when neither index has it; fails only when the topic's route or a broker fails.
     * With several records under one msgId (a message sent again) the newest is taken.
     */
    public Optional<MessageRecord> find(String topic, String id) throws AdminException {
        List<MessageRecord> byUniqKey = admin.queryByUniqKey(topic, id);
        if (!byUniqKey.isEmpty()) {
            return byUniqKey.stream().max((a, b) -> Long.compare(a.storeTimestamp(), b.storeTimestamp()));
        }
        if (OffsetMsgId.decode(id).isEmpty()) {
            return Optional.empty();
        }
        try {
            MessageRecord record = admin.viewMessage(topic, id);
            return record.topic().equals(topic) ? Optional.of(record) : Optional.empty();
        } catch (AdminException notThere) {
            return Optional.empty();
        }
    }
}
