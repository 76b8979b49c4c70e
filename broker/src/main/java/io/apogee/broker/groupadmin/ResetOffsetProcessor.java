package io.apogee.broker.groupadmin;

import io.apogee.broker.client.ClientTable;
import io.apogee.broker.offset.ConsumerOffsetTable;
import io.apogee.broker.offset.QueueBounds;
import io.apogee.broker.subscription.SubscriptionGroupTable;
import io.apogee.broker.topic.TopicTable;
import io.apogee.common.text.ClientText;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.MessageQueueBody;
import io.apogee.remoting.body.ResetOffsetBody;
import io.apogee.remoting.body.TopicConfig;
import io.apogee.store.MessageStore;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * INVOKE_BROKER_TO_RESET_OFFSET (222): moves a group's committed offsets on a topic (docs/protocol/06-admin.md).
 *
 * <p>Header {@code topic}, {@code group}, {@code timestamp} (ms; -1 = the end of each queue), {@code isForce};
 * 5.4.0 also {@code queueId} (-1 = every queue) and {@code offset} (-1 = by timestamp). Per queue of the topic
 * (or the one queue named) the target is the queue's first offset stored at or after the timestamp (the max
 * offset for -1, or the explicit {@code offset}); unless {@code isForce}, a queue whose committed offset is
 * already at or before the target keeps it (a reset never skips messages then). The new offsets are committed
 * at once, RESET_CONSUMER_CLIENT_OFFSET (220, oneway, header {@code topic}, {@code group}, {@code timestamp},
 * {@code isForce}, body {@link ResetOffsetBody}) goes to every live member of the group (a push consumer drops its
 * queues, adopts the offsets about 10 s later and pulls from there), and the answer is 0 with the
 * {@link ResetOffsetBody}. With {@code useServerSideResetOffset} (the default, as Apache 5.x) each queue's new
 * offset is also held as a pending reset ({@link ConsumerOffsetTable#assignReset}) until the group's clients commit
 * it themselves: their other commits are ignored meanwhile (a commit in flight cannot undo the reset), and a pull
 * from any other offset is answered PULL_OFFSET_MOVED to it (a client that missed the notice is moved too). Apache 5.x
 * sends no notice in this mode, so an idle consumer there takes a reset up only when a held pull times out; Apogee
 * tells it at once.
 *
 * <p>Apogee differs from Apache's classic reset, which answers CONSUMER_NOT_ONLINE (206) when no client is live
 * (making the admin fall back to per-queue updates): the offsets are committed here either way, so the reset
 * also works for a group that is offline, and 206 never happens.
 *
 * <p>Refusals, nothing applied: illegal group name or queue id, explicit offset outside the queue's
 * {@code [min, max]} → INVALID_PARAMETER (29); unknown topic → TOPIC_NOT_EXIST (17); a group that is neither
 * configured, online nor has offsets on the topic → SUBSCRIPTION_GROUP_NOT_EXIST (26).
 *
 * <p>Thread-safe: stateless apart from the thread-safe tables and store; sends do not block.
 */
public final class ResetOffsetProcessor implements RequestProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(ResetOffsetProcessor.class);

    private final ConsumerOffsetTable offsets;
    private final ClientTable clients;
    private final SubscriptionGroupTable groups;
    private final TopicTable topics;
    private final MessageStore store;
    private final QueueBounds bounds;
    private final ResetDelivery delivery;
    private final ResetDelivery.Hold hold;
    private final String brokerName;

    public ResetOffsetProcessor(ConsumerOffsetTable offsets, ClientTable clients, SubscriptionGroupTable groups,
                                TopicTable topics, MessageStore store, String brokerName, boolean serverSide) {
        this.offsets = offsets;
        this.clients = clients;
        this.groups = groups;
        this.topics = topics;
        this.store = store;
        this.bounds = new QueueBounds(topics, store);
        this.brokerName = brokerName;
        this.delivery = new ResetDelivery(offsets, clients);
        this.hold = serverSide ? ResetDelivery.Hold.COMMITS_AND_PULLS : ResetDelivery.Hold.NONE;
    }

    /** One reset as asked. */
    private record Reset(String topic, String group, long timestamp, boolean force, int queueId, long offset) {

        static Reset of(RemotingCommand request) {
            return new Reset(request.requireExt("topic"), request.requireExt("group"),
                    request.requireExtLong("timestamp"), request.extBool("isForce", false),
                    request.extInt("queueId", -1), request.extLong("offset", -1));
        }
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        if (request.code() != RequestCode.INVOKE_BROKER_TO_RESET_OFFSET) {
            return RemotingCommand.response(ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    "reset offset processor cannot handle request code " + request.code());
        }
        Reset reset = Reset.of(request);
        Optional<RemotingCommand> refused = check(reset);
        if (refused.isPresent()) {
            return refused.get();
        }
        ResetOffsetBody table = targets(reset);
        int told = delivery.deliver(reset.group(), reset.topic(), reset.timestamp(), reset.force(), table, hold);
        LOG.info("offsets of group {} on {} reset by {} (timestamp {}, force {}): {}; {} live clients told",
                reset.group(), reset.topic(), channel.remoteAddress(), reset.timestamp(), reset.force(),
                table.offsetTable, told);
        return RemotingCommand.success().body(JsonCodec.encode(table));
    }

    private Optional<RemotingCommand> check(Reset reset) {
        Optional<QueueBounds.Refusal> illegal = QueueBounds.checkGroup(reset.group());
        if (illegal.isEmpty() && reset.queueId() >= 0) {
            illegal = bounds.checkQueue(reset.topic(), reset.queueId());
        }
        if (illegal.isPresent()) {
            return Optional.of(illegal.get().response());
        }
        if (topics.find(reset.topic()) == null) {
            return Optional.of(RemotingCommand.response(ResponseCode.TOPIC_NOT_EXIST,
                    "topic " + ClientText.of(reset.topic()) + " does not exist on this broker"));
        }
        if (groups.find(reset.group()) == null && clients.consumerGroup(reset.group()) == null
                && offsets.offsets(reset.group(), reset.topic()).isEmpty()) {
            return Optional.of(RemotingCommand.response(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST,
                    "consumer group " + reset.group() + " does not exist on this broker"));
        }
        if (reset.queueId() >= 0 && reset.offset() >= 0) {
            long min = store.minOffsetInQueue(reset.topic(), reset.queueId());
            long max = store.maxOffsetInQueue(reset.topic(), reset.queueId());
            if (reset.offset() < min || reset.offset() > max) {
                return Optional.of(RemotingCommand.response(ResponseCode.INVALID_PARAMETER, "offset "
                        + reset.offset() + " for " + ClientText.of(reset.topic()) + ":" + reset.queueId()
                        + " is outside the queue's offsets " + min + ".." + max));
            }
        }
        return Optional.empty();
    }

    /** The new offset of every queue concerned. */
    private ResetOffsetBody targets(Reset reset) {
        ResetOffsetBody table = new ResetOffsetBody();
        TopicConfig config = topics.find(reset.topic());
        int queues = Math.max(config.readQueueNums, config.writeQueueNums);
        int first = reset.queueId() >= 0 ? reset.queueId() : 0;
        int last = reset.queueId() >= 0 ? reset.queueId() : queues - 1;
        for (int queueId = first; queueId <= last; queueId++) {
            table.offsetTable.put(new MessageQueueBody(reset.topic(), brokerName, queueId), target(reset, queueId));
        }
        return table;
    }

    private long target(Reset reset, int queueId) {
        if (reset.queueId() >= 0 && reset.offset() >= 0) {
            return reset.offset();
        }
        long wanted = reset.timestamp() < 0 ? store.maxOffsetInQueue(reset.topic(), queueId)
                : store.offsetInQueueByTime(reset.topic(), queueId, reset.timestamp());
        wanted = Math.max(0, wanted);
        long committed = offsets.query(reset.group(), reset.topic(), queueId);
        return reset.force() || committed < 0 || wanted < committed ? wanted : committed;
    }
}
