package io.apogee.broker.pop;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.subscription.Subscription;
import io.apogee.broker.subscription.SubscriptionGroupTable;
import io.apogee.broker.topic.GroupNameRule;
import io.apogee.broker.topic.TopicTable;
import io.apogee.common.text.ClientText;
import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.TopicConfig;
import io.apogee.store.MessageFilter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POP_MESSAGE (200050), following docs/protocol/16-*.md §4.
 *
 * <p>Checks, first failure wins, each remark naming the value: a master that may be read (16; slaves do not serve
 * pops, which write checkpoints), maxMsgNums 1..32 (29), a legal group name (29), the topic known (17) and readable
 * (16), queueId below readQueueNums (29), the group known or auto-created (26) and allowed to consume (16), the
 * subscription expression parsable (23; a SQL92 one with enablePropertyFilter off: 1).
 *
 * <p>Queues read, into one answer of at most maxMsgNums messages ({@link PopBatch}): on
 * {@code popFromRetryProbability} percent of pops the group's POP retry topic first; then the requested queue, or
 * every read queue from a random one on for queueId -1; then the retry topic if the pop is not full yet. Orderly pops
 * never read the retry topic. Each queue is popped by {@link QueuePopper}.
 *
 * <p>A pop that finds nothing is held ({@link PopHolds}) for its pollTime, woken by a message stored in the topic or
 * the retry topic, and then run again; when the poll time ends it is answered POLLING_TIMEOUT (210), when too many
 * are held POLLING_FULL (209). Both carry the full header, which the client decodes.
 *
 * <p>Thread-safe: stateless apart from thread-safe collaborators.
 */
final class PopMessageProcessor implements RequestProcessor {

    static final int MAX_MSG_NUMS = 32;
    private static final Logger LOG = LoggerFactory.getLogger(PopMessageProcessor.class);

    private final BrokerConfig config;
    private final TopicTable topics;
    private final PopChecks checks;
    private final QueuePopper popper;
    private final PopHolds holds;
    private final LongSupplier clock;

    /** What a pop reads with, or why it may not read. */
    private record Target(TopicConfig topic, MessageFilter filter, RemotingCommand rejection) {
        static Target reject(int code, String remark) {
            return new Target(null, null, RemotingCommand.response(code, remark));
        }
    }

    PopMessageProcessor(BrokerConfig config, TopicTable topics, SubscriptionGroupTable groups, QueuePopper popper,
                        PopHolds holds, LongSupplier clock) {
        this.config = config;
        this.topics = topics;
        this.checks = new PopChecks(config, topics, groups);
        this.popper = popper;
        this.holds = holds;
        this.clock = clock;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        return pop(channel, request, -1);
    }

    /** Runs a pop; {@code deadline} is a held pop's end of polling, -1 on first arrival. */
    private RemotingCommand pop(RemoteChannel channel, RemotingCommand request, long deadline) {
        PopRequest req = PopRequest.from(request);
        Target target = resolve(req);
        if (target.rejection() != null) {
            return target.rejection();
        }
        long now = clock.getAsLong();
        PopBatch batch = batch(req, now);
        String retryTopic = PopHandle.retryTopic(req.group(), req.topic());
        collect(req, target, req.order() ? null : topics.find(retryTopic), batch, now);
        if (!batch.isEmpty() || req.pollTime() <= 0) {
            return batch.answer(ResponseCode.POLLING_TIMEOUT);
        }
        return hold(channel, request, req, retryTopic, deadline < 0 ? now + req.pollTime() : deadline, batch);
    }

    /** Reads the queues in the order of the class comment; {@code retry} null when not read. */
    private void collect(PopRequest req, Target target, TopicConfig retry, PopBatch batch, long now) {
        boolean retryFirst = retry != null
                && ThreadLocalRandom.current().nextInt(100) < config.popFromRetryProbability;
        if (retryFirst) {
            popAll(req, retry, target.filter(), batch, now);
        }
        if (req.queueId() >= 0) {
            popper.pop(req, req.topic(), req.queueId(), target.filter(), batch, now);
        } else {
            popAll(req, target.topic(), target.filter(), batch, now);
        }
        if (retry != null && !retryFirst && batch.room() > 0) {
            popAll(req, retry, target.filter(), batch, now);
        }
    }

    /** Every read queue of {@code topic}, from a random one on. */
    private void popAll(PopRequest req, TopicConfig topic, MessageFilter filter, PopBatch batch, long now) {
        int n = topic.readQueueNums;
        int first = n <= 1 ? 0 : ThreadLocalRandom.current().nextInt(n);
        for (int i = 0; i < n; i++) {
            popper.pop(req, topic.topicName, (first + i) % n, filter, batch, now);
        }
    }

    private RemotingCommand hold(RemoteChannel channel, RemotingCommand request, PopRequest req, String retryTopic,
                                 long deadline, PopBatch empty) {
        if (deadline <= clock.getAsLong()) {
            return empty.answer(ResponseCode.POLLING_TIMEOUT);
        }
        String countKey = OrderedPops.key(req.topic(), req.group(), req.queueId());
        PopHolds.Held held = new PopHolds.Held(channel, request, deadline, List.of(req.topic(), retryTopic),
                countKey, this::rerun, this::expired);
        return holds.hold(held) ? null : empty.answer(ResponseCode.POLLING_FULL);
    }

    private void rerun(PopHolds.Held held) {
        RemotingCommand response;
        try {
            response = pop(held.channel, held.request, held.deadline);
        } catch (Throwable t) {
            LOG.warn("re-running held pop {} failed", held.request, t);
            response = RemotingCommand.response(ResponseCode.SYSTEM_ERROR, "pop failed: " + t);
        }
        if (response != null) {
            held.channel.reply(held.request, response);
        }
    }

    private void expired(PopHolds.Held held) {
        PopRequest req = PopRequest.from(held.request);
        held.channel.reply(held.request, batch(req, clock.getAsLong()).answer(ResponseCode.POLLING_TIMEOUT));
    }

    /** An empty answer of pop {@code req} at {@code popTime}. */
    private PopBatch batch(PopRequest req, long popTime) {
        return new PopBatch(req.topic(), popTime, req.invisibleTime(),
                req.order() ? PopHandle.ORDER_REVIVE_QID : 0, req.maxMsgNums(), config.brokerName);
    }

    private Target resolve(PopRequest r) {
        if ((config.brokerPermission & TopicConfig.PERM_READ) == 0 || config.brokerId != 0) {
            return Target.reject(ResponseCode.NO_PERMISSION, "the broker[" + config.brokerName + "] pop message is "
                    + "forbidden: " + (config.brokerId != 0 ? "pops are served by the master only"
                    : "brokerPermission=" + config.brokerPermission));
        }
        if (r.maxMsgNums() <= 0 || r.maxMsgNums() > MAX_MSG_NUMS) {
            return Target.reject(ResponseCode.INVALID_PARAMETER, "the broker[" + config.brokerName + "] pop message's "
                    + "num is greater than 32 or not positive: maxMsgNums=" + r.maxMsgNums());
        }
        Optional<String> illegalGroup = GroupNameRule.check(r.group());
        if (illegalGroup.isPresent()) {
            return Target.reject(ResponseCode.INVALID_PARAMETER, illegalGroup.get());
        }
        RemotingCommand refused = checks.refusal(r.group(), r.topic(), r.queueId());
        if (refused != null) {
            return new Target(null, null, refused);
        }
        return filtered(r, topics.find(r.topic()));
    }

    private Target filtered(PopRequest r, TopicConfig topic) {
        if (r.exp() == null || r.exp().isEmpty()) {
            return new Target(topic, null, null);
        }
        Subscription s;
        try {
            s = Subscription.of(r.topic(), r.exp(), r.expType(), 0);
        } catch (IllegalArgumentException e) {
            return Target.reject(ResponseCode.SUBSCRIPTION_PARSE_FAILED, "cannot parse the consumer's subscription '"
                    + ClientText.of(r.exp()) + "': " + e.getMessage());
        }
        if (!s.isTagType() && !config.enablePropertyFilter) {
            return Target.reject(ResponseCode.SYSTEM_ERROR, "SQL92 filtering is disabled on this broker "
                    + "(enablePropertyFilter=false); cannot filter by '" + ClientText.of(r.exp()) + "'");
        }
        if (s.filter() == null && !s.isTagType()) {
            return Target.reject(ResponseCode.SUBSCRIPTION_PARSE_FAILED, "cannot parse the consumer's subscription '"
                    + ClientText.of(r.exp()) + "': " + s.filterError());
        }
        return new Target(topic, s.filter(), null);
    }
}
