package io.apogee.remoting.body;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Answer body of LOCK_BATCH_MQ (41): {@code {"lockOKMQSet":[MessageQueueBody...]}}, the queues the requester now
 * holds.
 */
public final class LockBatchResponseBody {
    public Set<MessageQueueBody> lockOKMQSet = new LinkedHashSet<>();
}
