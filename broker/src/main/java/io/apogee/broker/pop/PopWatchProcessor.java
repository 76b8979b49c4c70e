package io.apogee.broker.pop;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.offset.ConsumerOffsetTable;
import io.apogee.broker.subscription.SubscriptionGroupTable;
import io.apogee.broker.topic.TopicTable;
import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.body.TopicConfig;
import io.apogee.store.MessageStore;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * NOTIFICATION (200054) and POLLING_INFO (200055), for POP consumers that watch before they pop
 * (docs/protocol/16-*.md §4). Both take {@code consumerGroup}, {@code topic}, {@code queueId} (-1: every queue)
 * and check like a pop: broker readable (16), topic known (17) and readable (16), queueId below readQueueNums (29),
 * group known or auto-created (26) and allowed to consume (16).
 * <ul>
 *   <li>NOTIFICATION ({@code pollTime}, {@code order}, {@code attemptId}): SUCCESS with {@code hasMsg} true when
 *       a queue (orderly: one not blocked) or the group's POP retry topic has messages beyond the group's pop
 *       offset. Otherwise held like a pop and answered when a message arrives or {@code hasMsg=false} when the poll
 *       time ends; {@code pollingFull=true} when too many are held.</li>
 *   <li>POLLING_INFO: SUCCESS with {@code pollingNum}, the pops and notifications held on that topic, group and
 *       queueId.</li>
 * </ul>
 *
 * <p>Thread-safe: stateless apart from thread-safe collaborators.
 */
final class PopWatchProcessor implements RequestProcessor {

    private final PopChecks checks;
    private final TopicTable topics;
    private final MessageStore store;
    private final ConsumerOffsetTable offsets;
    private final OrderedPops ordered;
    private final PopHolds holds;
    private final LongSupplier clock;

    PopWatchProcessor(BrokerConfig config, TopicTable topics, SubscriptionGroupTable groups, MessageStore store,
                      ConsumerOffsetTable offsets, OrderedPops ordered, PopHolds holds, LongSupplier clock) {
        this.checks = new PopChecks(config, topics, groups);
        this.topics = topics;
        this.store = store;
        this.offsets = offsets;
        this.ordered = ordered;
        this.holds = holds;
        this.clock = clock;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        String group = request.requireExt("consumerGroup");
        String topic = request.requireExt("topic");
        int queueId = request.requireExtInt("queueId");
        RemotingCommand refusal = checks.refusal(group, topic, queueId);
        if (refusal != null) {
            return refusal;
        }
        if (request.code() == RequestCode.POLLING_INFO) {
            return RemotingCommand.success().putExt("pollingNum",
                    holds.size(OrderedPops.key(topic, group, queueId)));
        }
        long deadline = clock.getAsLong() + request.extLong("pollTime", 0);
        return notification(channel, request, deadline);
    }

    private RemotingCommand notification(RemoteChannel channel, RemotingCommand request, long deadline) {
        String group = request.requireExt("consumerGroup");
        String topic = request.requireExt("topic");
        int queueId = request.requireExtInt("queueId");
        boolean order = Boolean.parseBoolean(request.ext("order"));
        if (hasMessages(group, topic, queueId, order, request.ext("attemptId"))) {
            return notified(true, false);
        }
        if (deadline <= clock.getAsLong()) {
            return notified(false, false);
        }
        PopHolds.Held held = new PopHolds.Held(channel, request, deadline,
                List.of(topic, PopHandle.retryTopic(group, topic)), OrderedPops.key(topic, group, queueId),
                h -> rerun(h), h -> h.channel.reply(h.request, notified(false, false)));
        return holds.hold(held) ? null : notified(false, true);
    }

    private void rerun(PopHolds.Held held) {
        RemotingCommand answer = notification(held.channel, held.request, held.deadline);
        if (answer != null) {
            held.channel.reply(held.request, answer);
        }
    }

    private static RemotingCommand notified(boolean hasMsg, boolean pollingFull) {
        return RemotingCommand.success().putExt("hasMsg", hasMsg).putExt("pollingFull", pollingFull);
    }

    private boolean hasMessages(String group, String topic, int queueId, boolean order, String attemptId) {
        TopicConfig config = topics.find(topic);
        int from = queueId < 0 ? 0 : queueId;
        int to = queueId < 0 ? config.readQueueNums : queueId + 1;
        long now = clock.getAsLong();
        for (int q = from; q < to; q++) {
            if (order && ordered.blocked(OrderedPops.key(topic, group, q), attemptId, now)) {
                continue;
            }
            if (backlog(group, topic, q) > 0) {
                return true;
            }
        }
        TopicConfig retry = order ? null : topics.find(PopHandle.retryTopic(group, topic));
        if (retry != null) {
            for (int q = 0; q < retry.readQueueNums; q++) {
                if (backlog(group, retry.topicName, q) > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private long backlog(String group, String topic, int queueId) {
        long committed = offsets.query(group, topic, queueId);
        long from = committed >= 0 ? committed : store.minOffsetInQueue(topic, queueId);
        return store.maxOffsetInQueue(topic, queueId) - from;
    }
}
