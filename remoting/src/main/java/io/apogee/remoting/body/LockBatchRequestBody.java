package io.apogee.remoting.body;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Body of LOCK_BATCH_MQ (41) and UNLOCK_BATCH_MQ (42):
 * {@code {"clientId":"...","consumerGroup":"G","mqSet":[MessageQueueBody...],"onlyThisBroker":false}}
 * (note {@code clientId} here, {@code clientID} in {@link HeartbeatData}).
 */
public final class LockBatchRequestBody {
    public String clientId;
    public String consumerGroup;
    public Set<MessageQueueBody> mqSet = new LinkedHashSet<>();
    public boolean onlyThisBroker;
}
