package io.apogee.broker.stats;

import io.apogee.store.GetResult;
import io.apogee.store.GetStatus;
import io.apogee.store.MessageStore;
import io.apogee.store.StoredMessage;

/**
 * Store times of single messages, read through {@link MessageStore#get} (one record, no filter), for admin answers.
 *
 * <p>Stateless apart from the thread-safe store.
 */
final class StoreTimes {

    private final MessageStore store;

    StoreTimes(MessageStore store) {
        this.store = store;
    }

    /** The store time of the message at {@code offset} of the queue, or -1 when there is none (or it is gone). */
    long at(String topic, int queueId, long offset) {
        if (offset < 0) {
            return -1;
        }
        GetResult result = store.get(topic, queueId, offset, 1, Integer.MAX_VALUE, null);
        try {
            return result.status() == GetStatus.FOUND && !result.records().isEmpty()
                    ? StoredMessage.storeTimestamp(result.records().get(0)) : -1;
        } finally {
            result.release();
        }
    }

    /** The store time of the queue's newest message, or 0 when it is empty. */
    long newest(String topic, int queueId) {
        long max = store.maxOffsetInQueue(topic, queueId);
        return max > 0 ? Math.max(0, at(topic, queueId, max - 1)) : 0;
    }
}
