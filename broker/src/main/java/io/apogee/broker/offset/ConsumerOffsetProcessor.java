package io.apogee.broker.offset;

import io.apogee.broker.client.ClientTable;
import io.apogee.broker.client.ConsumerGroup;
import io.apogee.broker.offset.QueueBounds.Refusal;
import io.apogee.broker.topic.TopicTable;
import io.apogee.common.text.ClientText;
import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.ResponseCode;
import io.apogee.store.MessageStore;
import java.util.Optional;

/**
 * QUERY_CONSUMER_OFFSET (14) and UPDATE_CONSUMER_OFFSET (15).
 *
 * <p>14: headers {@code consumerGroup}, {@code topic}, {@code queueId}; answers SUCCESS with ext {@code offset},
 * or QUERY_NOT_FOUND (22) when the group never committed an offset for the queue, so the client applies its
 * ConsumeFromWhere. One exception, the <b>young-queue rule</b>, which keeps CONSUME_FROM_LAST_OFFSET honest
 * without losing messages: a queue is <i>young for a group</i> when it holds messages stored after the
 * moment the group subscribed the topic ({@link ConsumerGroup#subscribedSince}: the earliest of the broker's
 * first sight of the subscription and the client's own subscription time, {@code subVersion}). For a group that
 * consumes from the last offset and has no committed offset on a queue, the answer is the offset of the first
 * message stored since that moment — the queue's end when none has been yet, which is where the next message will
 * be (answering 22 there would make the client ask for the end separately and skip what arrived in between); so
 * nothing published while the group was subscribed is skipped,
 * whatever the order in which the topic, the message and the group's first heartbeat reached the broker
 * (e.g. a listener started before its producer created the topic), while a new group on a topic with history
 * still starts at the end. Apache instead answers 0 for any queue whose first message is still in memory,
 * which makes a new group re-read old messages despite CONSUME_FROM_LAST_OFFSET (apache/rocketmq#334, #9083).
 * The rule applies to push consumers only: pull and lite-pull consumers report CONSUME_FROM_LAST_OFFSET in their
 * heartbeats whatever they were configured with, so they get 22 and decide themselves. The rule trusts the
 * client's clock: a client clock running ahead of the broker's by d can skip messages
 * stored in the first d after it subscribed; one running behind re-reads up to that much history.
 * <p>15: headers {@code consumerGroup}, {@code topic}, {@code queueId}, {@code commitOffset}; usually oneway. While
 * an admin's offset reset of the queue waits for the group's clients to take it up ({@code useServerSideResetOffset},
 * {@link PendingResets}), a commit of any other offset is ignored (answered SUCCESS, remark "Offset has been
 * previously reset", as Apache 5.x).
 *
 * <p>Both check the request first ({@link QueueBounds}): a group that breaks the group-name rule, a queue id
 * outside the topic's queues (29) or an unknown topic (17), and for 15 an offset outside
 * {@code [0, max offset of the queue]} (29), are refused with a remark naming the value; nothing is stored. A
 * refused oneway 15 is dropped and logged at most once per client and reason every 10 minutes
 * ({@link OnewayDropLog}).
 *
 * <p>Thread-safe: stateless apart from the thread-safe tables, store and drop log.
 */
public final class ConsumerOffsetProcessor implements RequestProcessor {

    /** Push consumers report their real ConsumeFromWhere; pull and lite-pull consumers always report LAST. */
    private static final String PUSH = "CONSUME_PASSIVELY";
    private static final String FROM_LAST_OFFSET = "CONSUME_FROM_LAST_OFFSET";
    /** Longest a QUERY_CONSUMER_OFFSET waits (on a worker thread) for the dispatcher to catch up with the appends. */
    private static final long DISPATCH_WAIT_MILLIS = 1_000;

    private final ConsumerOffsetTable offsets;
    private final MessageStore store;
    private final ClientTable clients;
    private final QueueBounds bounds;
    private final OnewayDropLog drops = new OnewayDropLog();

    /** @param topics the broker's topics, for the queue-id range checks */
    public ConsumerOffsetProcessor(ConsumerOffsetTable offsets, MessageStore store, ClientTable clients,
                                   TopicTable topics) {
        this.offsets = offsets;
        this.store = store;
        this.clients = clients;
        this.bounds = new QueueBounds(topics, store);
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        return switch (request.code()) {
            case RequestCode.QUERY_CONSUMER_OFFSET -> query(request);
            case RequestCode.UPDATE_CONSUMER_OFFSET -> update(channel, request);
            default -> RemotingCommand.response(ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    "consumer offset processor cannot handle request code " + request.code());
        };
    }

    private RemotingCommand query(RemotingCommand request) {
        String group = request.requireExt("consumerGroup");
        String topic = request.requireExt("topic");
        int queueId = request.requireExtInt("queueId");
        Optional<Refusal> refused = QueueBounds.checkGroup(group).or(() -> bounds.checkQueue(topic, queueId));
        if (refused.isPresent()) {
            return refused.get().response();
        }
        long offset = offsets.query(group, topic, queueId);
        if (offset < 0) {
            offset = firstPublishedWhileSubscribed(group, topic, queueId);
        }
        if (offset < 0) {
            return RemotingCommand.response(ResponseCode.QUERY_NOT_FOUND,
                    "no committed offset for group " + group + " on " + ClientText.of(topic) + ":" + queueId);
        }
        return RemotingCommand.success().putExt("offset", offset);
    }

    /** See the class comment; -1 when the rule does not apply. */
    private long firstPublishedWhileSubscribed(String group, String topic, int queueId) {
        ConsumerGroup consumers = clients.consumerGroup(group);
        if (consumers == null || !PUSH.equals(consumers.consumeType())
                || !FROM_LAST_OFFSET.equals(consumers.consumeFromWhere())) {
            return -1;
        }
        long since = consumers.subscribedSince(topic);
        // a record appended before now but not yet in the consume queue would be missed by the search (and then
        // delivered although stored before the subscription): let the dispatcher catch up first, or fall back to 22
        if (since < 0 || !store.awaitDispatch(DISPATCH_WAIT_MILLIS)) {
            return -1;
        }
        // store times have millisecond resolution: a message stored in the subscription's own millisecond was
        // acknowledged before (or concurrently with) the subscribe call, so it counts as history
        return store.offsetInQueueByTime(topic, queueId, since + 1);
    }

    private RemotingCommand update(RemoteChannel channel, RemotingCommand request) {
        String group = request.requireExt("consumerGroup");
        String topic = request.requireExt("topic");
        int queueId = request.requireExtInt("queueId");
        long commitOffset = request.requireExtLong("commitOffset");
        Optional<Refusal> refused = QueueBounds.checkGroup(group)
                .or(() -> bounds.checkCommit(topic, queueId, commitOffset));
        if (refused.isPresent()) {
            if (request.isOneway()) {
                drops.dropped(channel.remoteAddress(), request.code(), refused.get());
                return null;
            }
            return refused.get().response();
        }
        if (!offsets.takesCommit(group, topic, queueId, commitOffset)) {
            // the client has not taken up the admin's reset yet: its offset is older news (Apache does the same)
            return request.isOneway() ? null : RemotingCommand.response(ResponseCode.SUCCESS,
                    "Offset has been previously reset");
        }
        offsets.commit(group, topic, queueId, commitOffset);
        return request.isOneway() ? null : RemotingCommand.success();
    }
}
