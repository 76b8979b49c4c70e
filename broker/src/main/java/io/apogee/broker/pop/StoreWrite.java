package io.apogee.broker.pop;

import io.apogee.store.MessageDraft;
import io.apogee.store.MessageStore;
import io.apogee.store.PutResult;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store put the POP side waits for (journal records, redelivered copies), on its own threads, never an I/O thread:
 * the queue offset of the stored record, or -1 when the store refused it or did not answer within
 * {@value #WAIT_MILLIS} ms (logged, naming {@code what}).
 *
 * <p>Stateless and thread-safe.
 */
final class StoreWrite {

    static final long WAIT_MILLIS = 3_000;
    private static final Logger LOG = LoggerFactory.getLogger(StoreWrite.class);

    private StoreWrite() {
    }

    static long stored(MessageStore store, MessageDraft draft, String what) {
        try {
            PutResult result = store.put(draft).get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
            if (result.isStored()) {
                return result.queueOffset();
            }
            LOG.warn("storing {} in {} failed: {}", what, draft.topic, result);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("storing {} in {} failed: {}", what, draft.topic, e.toString());
        }
        return -1;
    }
}
