package io.apogee.broker.send;

import io.apogee.common.message.MessageProperties;
import io.apogee.common.message.PropertyEditor;
import io.apogee.broker.schedule.DelayParking;
import io.apogee.broker.subscription.SubscriptionGroupConfig;
import io.apogee.broker.subscription.SubscriptionGroupTable;
import io.apogee.broker.topic.SystemTopics;
import io.apogee.broker.topic.TopicTable;
import io.apogee.broker.transaction.HalfParking;
import io.apogee.broker.transaction.TransactionKeys;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.TopicConfig;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * Rewrites the target of a single SEND (docs/protocol/04-producer.md §4 steps 4 and 8,
 * docs/protocol/10-properties-and-system-topics.md §3 and §4):
 * <ol>
 *   <li>Transaction half messages (sysFlag type 0x4 or {@code TRAN_MSG=true}) are parked in
 *       {@code RMQ_SYS_TRANS_HALF_TOPIC} queue 0 ({@link HalfParking}); the response echoes the requested
 *       queue id. Refused with 16 when {@code rejectTransactionMessage} is set.</li>
 *   <li>{@code %RETRY%<group>} topics: the group must exist or be auto-creatable (else 26). When the
 *       reconsume count {@code j} exceeds the maximum ({@code l}, or the group's {@code retryMaxTimes} when
 *       {@code l} is absent) the message goes to {@code %DLQ%<group>} queue 0 (created with 1 queue, perm 6)
 *       with {@code DELAY=-1}, never delayed: this ends a client's send-back fallback loop on a poison
 *       message. So does any retry send of a group holding a live queue lock (an orderly group, as Apache 5.x:
 *       an orderly consumer past its own {@code maxReconsumeTimes} sends the message here to dead-letter it, and
 *       4.9.8 sends it with {@code j} equal to the maximum, not above it).</li>
 *   <li>Delayed messages ({@link DelayParking}) are parked in {@code SCHEDULE_TOPIC_XXXX} (levels) or in
 *       {@code rmq_sys_wheel_timer} (timers); the response still echoes the requested queue id.</li>
 * </ol>
 *
 * <p>Thread-safe: immutable settings and thread-safe collaborators; the lock-holder test is set once before the
 * broker serves (volatile).
 */
final class SendRouter {

    private static final int PERM_RW = TopicConfig.PERM_READ | TopicConfig.PERM_WRITE;
    private static final int DEFAULT_MAX_RECONSUME_TIMES = 16;

    private final TopicTable topics;
    private final SubscriptionGroupTable groups;
    private final DelayParking parking;
    private final boolean rejectTransactions;
    private volatile Predicate<String> holdsQueueLock = group -> false;

    /**
     * {@code groups} may be null (no group checks; max reconsume times default 16); {@code rejectTransactions}
     * refuses half messages.
     */
    SendRouter(TopicTable topics, SubscriptionGroupTable groups, DelayParking parking, boolean rejectTransactions) {
        this.topics = topics;
        this.groups = groups;
        this.parking = parking;
        this.rejectTransactions = rejectTransactions;
    }

    /** Tells the router which groups hold live queue locks (orderly groups); none until set. */
    void lockHolders(Predicate<String> test) {
        this.holdsQueueLock = test;
    }

    SendRoute route(SendRequestHeader h, int queueId, int sysFlag) {
        if (TransactionKeys.isPrepared(sysFlag, h.properties)) {
            return halfMessage(h, queueId);
        }
        if (SystemTopics.isRetry(h.topic)) {
            SendRoute deadLetter = deadLetterOrNull(h);
            if (deadLetter != null) {
                return deadLetter;
            }
        }
        DelayParking.Decision delay = parking.decide(h.properties, sysFlag, System.currentTimeMillis());
        if (delay.problem() != null) {
            return SendRoute.rejected(RemotingCommand.response(ResponseCode.MESSAGE_ILLEGAL, delay.problem()));
        }
        if (delay.delayed()) {
            String props = parking.park(h.properties, h.topic, queueId, delay.level());
            return new SendRoute(DelayParking.topic(), DelayParking.queueOf(delay.level()), props, queueId);
        }
        if (delay.timed()) {
            String props = parking.parkTimer(h.properties, h.topic, queueId, delay.deliverMs());
            return new SendRoute(SystemTopics.WHEEL_TIMER, 0, props, queueId, null, null, delay.deliverMs());
        }
        return SendRoute.UNCHANGED;
    }

    private SendRoute halfMessage(SendRequestHeader h, int queueId) {
        if (rejectTransactions) {
            return SendRoute.rejected(RemotingCommand.response(ResponseCode.NO_PERMISSION, "the broker "
                    + "rejects transactional messages (rejectTransactionMessage=true); topic " + h.topic));
        }
        return new SendRoute(HalfParking.TOPIC, HalfParking.QUEUE_ID,
                HalfParking.park(h.properties, h.topic, queueId, h.producerGroup), queueId);
    }

    /** For a send to {@code %RETRY%<group>}: a rejection, the dead-letter route, or null to route on. */
    private SendRoute deadLetterOrNull(SendRequestHeader h) {
        String group = h.topic.substring(SystemTopics.RETRY_PREFIX.length());
        SubscriptionGroupConfig config = groups == null ? null : groups.findOrCreate(group);
        if (groups != null && config == null) {
            return SendRoute.rejected(RemotingCommand.response(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST,
                    "subscription group [" + group + "] of retry topic " + h.topic + " does not exist"));
        }
        int max = h.maxReconsumeTimes >= 0 ? h.maxReconsumeTimes
                : config == null ? DEFAULT_MAX_RECONSUME_TIMES : config.retryMaxTimes;
        if (h.reconsumeTimes <= max && !holdsQueueLock.test(group)) {
            return null;
        }
        String dlq = SystemTopics.DLQ_PREFIX + group;
        CompletableFuture<Void> ready = topics.createOrGet(dlq, 1, PERM_RW, 0).ready();
        String props = PropertyEditor.of(h.properties).set(MessageProperties.DELAY, "-1").render();
        return new SendRoute(dlq, 0, props, 0, null, ready);
    }
}
