package io.apogee.broker.pop;

import io.apogee.broker.client.ClientTable;
import io.apogee.broker.client.ConsumerGroup;
import io.apogee.broker.offset.ConsumerOffsetTable;
import io.apogee.broker.stats.BrokerStats;
import io.apogee.broker.topic.SystemTopics;
import io.apogee.store.GetResult;
import io.apogee.store.GetStatus;
import io.apogee.store.MessageFilter;
import io.apogee.store.MessageStore;
import io.apogee.store.StoredMessage;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pops one queue for one pop request: reads from the group's pop offset, records what it handed out, and moves
 * the group's committed offset (docs/protocol/16-*.md §4, "Per queue").
 * <ul>
 *   <li>Pop offset: the group's committed offset of the queue; a pending admin reset wins. Without one: the first
 *       offset for initMode 0 (MIN) and for retry topics; for initMode 1 (MAX) the first message stored after the
 *       group subscribed the topic (the young-queue rule of QUERY_CONSUMER_OFFSET), else the queue's end. That
 *       starting point is committed at once, so messages arriving later are not skipped.</li>
 *   <li>Only one pop of a group reads a queue at a time; a pop finding the queue busy skips it (its backlog counts
 *       in restNum).</li>
 *   <li>Concurrent pops: a checkpoint is journaled ({@link ReviveLog}), then the committed offset moves past the
 *       messages read (on pop, as Apache, so consumer progress and lag read the same); un-acknowledged messages come
 *       back through the {@link Reviver}. Messages a filter skipped move the offset as well.</li>
 *   <li>Orderly pops: a queue blocked by its last pop ({@link OrderedPops}) is skipped; otherwise the offset stays
 *       at the first message read until acknowledgements move it.</li>
 * </ul>
 *
 * <p>Thread-safe: the busy-queue set is concurrent; everything else is a thread-safe collaborator.
 */
final class QueuePopper {

    /** Most bytes one queue's read adds to a pop's answer (at least one message is always returned). */
    static final int MAX_READ_BYTES = 256 * 1024;

    private final MessageStore store;
    private final ConsumerOffsetTable offsets;
    private final ClientTable clients;
    private final ReviveLog log;
    private final OrderedPops ordered;
    private final BrokerStats stats;
    private final Set<String> busy = ConcurrentHashMap.newKeySet();

    QueuePopper(MessageStore store, ConsumerOffsetTable offsets, ClientTable clients, ReviveLog log,
                OrderedPops ordered, BrokerStats stats) {
        this.store = store;
        this.offsets = offsets;
        this.clients = clients;
        this.log = log;
        this.ordered = ordered;
        this.stats = stats;
    }

    /** Pops {@code readTopic}'s queue into {@code batch}. */
    void pop(PopRequest req, String readTopic, int queueId, MessageFilter filter, PopBatch batch, long now) {
        String lockKey = OrderedPops.key(readTopic, req.group(), queueId);
        if (!busy.add(lockKey)) {
            batch.addRest(store.maxOffsetInQueue(readTopic, queueId)
                    - Math.max(0, offsets.query(req.group(), readTopic, queueId)));
            return;
        }
        try {
            long offset = popOffset(req, readTopic, queueId);
            if (batch.room() <= 0) {
                batch.addRest(store.maxOffsetInQueue(readTopic, queueId) - offset);
                return;
            }
            if (req.order() && ordered.blocked(lockKey, req.attemptId(), now)) {
                return;
            }
            read(req, readTopic, queueId, offset, filter, batch, lockKey);
        } finally {
            busy.remove(lockKey);
        }
    }

    private void read(PopRequest req, String readTopic, int queueId, long offset, MessageFilter filter,
                      PopBatch batch, String lockKey) {
        GetResult result = store.get(readTopic, queueId, offset, batch.room(), MAX_READ_BYTES, filter);
        if (result.status() != GetStatus.FOUND) {
            stats.recordMiss();
            if (result.nextBeginOffset() != offset && !req.order()) {
                offsets.commit(req.group(), readTopic, queueId, result.nextBeginOffset());
            }
            batch.addRest(result.maxOffset() - result.nextBeginOffset());
            return;
        }
        List<ByteBuffer> records = result.records();
        long[] popped = new long[records.size()];
        for (int i = 0; i < popped.length; i++) {
            popped[i] = StoredMessage.queueOffset(records.get(i));
        }
        if (req.order()) {
            int[] counts = ordered.popped(lockKey, batch.popTime(), req.invisibleTime(), popped, req.attemptId());
            batch.addOrderCounts(readTopic, queueId, popped, counts);
            offsets.commit(req.group(), readTopic, queueId, offset);
        } else {
            Checkpoint checkpoint = new Checkpoint(readTopic, req.group(), queueId, offset, batch.popTime(),
                    req.invisibleTime(), popped);
            if (!log.append(checkpoint)) {
                batch.addRest(result.maxOffset() - offset);
                return;
            }
            offsets.commit(req.group(), readTopic, queueId, result.nextBeginOffset());
        }
        stats.recordGet(req.group(), readTopic, queueId, popped.length, result.totalBytes(),
                result.nextBeginOffset());
        batch.add(readTopic, queueId, offset, records);
        batch.addRest(result.maxOffset() - result.nextBeginOffset());
    }

    /** See the class comment. */
    private long popOffset(PopRequest req, String readTopic, int queueId) {
        long committed = offsets.query(req.group(), readTopic, queueId);
        if (committed >= 0) {
            long reset = offsets.pullMovedTo(req.group(), readTopic, queueId, -1);
            if (reset >= 0) {
                // an admin reset the offset (and committed it): the pop takes it up, orderly state starts afresh
                ordered.clear(OrderedPops.key(readTopic, req.group(), queueId));
                offsets.takesCommit(req.group(), readTopic, queueId, reset);
                return reset;
            }
            return committed;
        }
        long start = initialOffset(req, readTopic, queueId);
        offsets.commit(req.group(), readTopic, queueId, start);
        return start;
    }

    private long initialOffset(PopRequest req, String readTopic, int queueId) {
        if (req.initMode() == PopRequest.INIT_MIN || SystemTopics.isRetry(readTopic)) {
            return store.minOffsetInQueue(readTopic, queueId);
        }
        ConsumerGroup consumers = clients.consumerGroup(req.group());
        long since = consumers == null ? -1 : consumers.subscribedSince(req.topic());
        if (since >= 0) {
            return store.offsetInQueueByTime(readTopic, queueId, since + 1);
        }
        return store.maxOffsetInQueue(readTopic, queueId);
    }
}
