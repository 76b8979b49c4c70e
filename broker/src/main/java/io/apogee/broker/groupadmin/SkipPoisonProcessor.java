package io.apogee.broker.groupadmin;

import io.apogee.broker.offset.ConsumerOffsetTable;
import io.apogee.broker.offset.QueueBounds;
import io.apogee.broker.retry.DeadLetters;
import io.apogee.broker.topic.TopicTable;
import io.apogee.common.message.MessageProperties;
import io.apogee.common.message.OffsetMsgId;
import io.apogee.common.text.ClientText;
import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.MessageQueueBody;
import io.apogee.remoting.body.ResetOffsetBody;
import io.apogee.store.GetResult;
import io.apogee.store.GetStatus;
import io.apogee.store.MessageDraft;
import io.apogee.store.MessageStore;
import io.apogee.store.PutResult;
import io.apogee.store.StoredMessage;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SKIP_POISON_MESSAGE (800001, Apogee only; mqadmin {@code skipPoisonMessage}): unblocks an orderly consumer group
 * stuck on one message. An orderly consumer retries a failing message in its own memory (the listener answers
 * SUSPEND_CURRENT_QUEUE_A_MOMENT) and, with the clients' default {@code maxReconsumeTimes} of -1 (unbounded for
 * orderly), never moves past it; its committed offset stays at that message.
 *
 * <p>Header {@code consumerGroup}, {@code topic}, {@code queueId}, optional {@code offset} (the offset the operator
 * expects to skip; -1 or absent = whatever is committed). The message at the group's committed offset of the queue
 * is copied to {@code %DLQ%<group>} as a consumer send-back dead-letters it ({@link DeadLetters}; reconsume times =
 * stored + 1), and once stored the group's offset is moved to the next one the way an admin reset moves it
 * ({@link ResetDelivery}): committed, held against the clients' stale commits (whatever
 * {@code useServerSideResetOffset} says) and the live members are told with RESET_CONSUMER_CLIENT_OFFSET. Their
 * pulls are not moved (no PULL_OFFSET_MOVED): a client that took up both the notice and a moved pull would run two
 * independent 10 s take-ups of the queue, and the later one removes the process queue a rebalance made in between,
 * after it may have consumed from it (duplicates, seen with 4.9.8). A running orderly consumer marks its
 * ProcessQueue of the queue dropped and clears it (its in-memory copy of the message is gone; a retry already
 * scheduled finds the queue dropped and stops), commits the new offset about 10 s later, releases the queue lock and
 * locks and pulls the queue again at its next rebalance (at most 20 s later), from the new offset: the messages that
 * follow are consumed once, in order.
 *
 * <p>The answer is 0 with ext {@code msgId} (the message's UNIQ_KEY, else its offsetMsgId), {@code offsetMsgId},
 * {@code queueOffset} (the skipped offset), {@code nextOffset} (the group's offset now), {@code dlqTopic},
 * {@code dlqOffsetMsgId} (the copy) and {@code clientsTold}.
 *
 * <p>How often the message failed is not checked: orderly failures are visible only inside the client (the
 * message's reconsume times never reach the broker, and the client's failure statistics in its running info are
 * per topic and sampled every 10 minutes), so the skip is an explicit operator action.
 *
 * <p>Refusals, nothing changed: illegal group or queue id, or {@code offset} not the committed one → 29; unknown
 * topic → 17; no committed offset, or no message at it → QUERY_NOT_FOUND (22), "nothing to skip"; another skip of
 * the queue still storing → SYSTEM_BUSY (2); a failed store of the copy → its store status (1, 13, 14).
 *
 * <p>Thread-safe: the in-flight set is concurrent; the answer is sent from the thread that completes the put.
 */
final class SkipPoisonProcessor implements RequestProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(SkipPoisonProcessor.class);

    /** One skip as asked; {@code expected} -1 when the header has no {@code offset}. */
    private record Skip(String group, String topic, int queueId, long expected) {

        static Skip of(RemotingCommand request) {
            return new Skip(request.requireExt("consumerGroup"), request.requireExt("topic"),
                    request.requireExtInt("queueId"), request.extLong("offset", -1));
        }

        String queueName() {
            return ClientText.of(topic) + " queue " + queueId;
        }
    }

    private final ConsumerOffsetTable offsets;
    private final TopicTable topics;
    private final MessageStore store;
    private final QueueBounds bounds;
    private final ResetDelivery delivery;
    private final String brokerName;
    private final Supplier<String> brokerAddress;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    /** @param brokerAddress this broker's "ip:port", the store host of the DLQ copy */
    SkipPoisonProcessor(ConsumerOffsetTable offsets, TopicTable topics, MessageStore store, ResetDelivery delivery,
                        String brokerName, Supplier<String> brokerAddress) {
        this.offsets = offsets;
        this.topics = topics;
        this.store = store;
        this.bounds = new QueueBounds(topics, store);
        this.delivery = delivery;
        this.brokerName = brokerName;
        this.brokerAddress = brokerAddress;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        Skip skip = Skip.of(request);
        Optional<QueueBounds.Refusal> illegal = QueueBounds.checkGroup(skip.group())
                .or(() -> bounds.checkQueue(skip.topic(), skip.queueId()));
        if (illegal.isPresent()) {
            return illegal.get().response();
        }
        long committed = offsets.query(skip.group(), skip.topic(), skip.queueId());
        if (committed < 0) {
            return RemotingCommand.response(ResponseCode.QUERY_NOT_FOUND, "group " + skip.group()
                    + " has no committed offset on " + skip.queueName() + ": nothing to skip");
        }
        if (skip.expected() >= 0 && skip.expected() != committed) {
            return RemotingCommand.response(ResponseCode.INVALID_PARAMETER, "the committed offset of group "
                    + skip.group() + " on " + skip.queueName() + " is " + committed + ", not " + skip.expected()
                    + ": the consumer has moved");
        }
        String key = skip.group() + "@" + skip.topic() + "@" + skip.queueId();
        if (!inFlight.add(key)) {
            return RemotingCommand.response(ResponseCode.SYSTEM_BUSY, "another skip of " + skip.queueName()
                    + " for group " + skip.group() + " is in progress");
        }
        try {
            return start(channel, request, skip, committed, key);
        } catch (RuntimeException e) {
            inFlight.remove(key);
            throw e;
        }
    }

    /** Reads the message at {@code committed} and stores its DLQ copy; answers null once the put is under way. */
    private RemotingCommand start(RemoteChannel channel, RemotingCommand request, Skip skip, long committed,
                                  String key) {
        OffsetMsgId ids = new OffsetMsgId(storeHost());
        Poison poison = read(skip, committed, ids);
        if (poison == null) {
            inFlight.remove(key);
            return RemotingCommand.response(ResponseCode.QUERY_NOT_FOUND, "no message at offset " + committed
                    + " of " + skip.queueName() + ": nothing to skip");
        }
        store.put(poison.copy()).whenComplete((result, error) -> {
            try {
                channel.reply(request, finish(skip, committed, poison, ids, result, error));
            } finally {
                inFlight.remove(key);
            }
        });
        return null;
    }

    /** The message to skip and its DLQ copy. */
    private record Poison(String msgId, String offsetMsgId, MessageDraft copy) {
    }

    private Poison read(Skip skip, long offset, OffsetMsgId ids) {
        GetResult result = store.get(skip.topic(), skip.queueId(), offset, 1, Integer.MAX_VALUE, null);
        try {
            if (result.status() != GetStatus.FOUND || result.records().isEmpty()) {
                return null;
            }
            ByteBuffer record = result.records().get(0);
            String offsetMsgId = ids.of(StoredMessage.physicalOffset(record));
            String uniq = StoredMessage.property(record, MessageProperties.UNIQ_KEY);
            MessageDraft copy = DeadLetters.copy(record, offsetMsgId, skip.group(),
                    StoredMessage.reconsumeTimes(record) + 1, storeHost(), topics);
            copy.waitStoreMsgOK = true;
            return new Poison(uniq != null ? uniq : offsetMsgId, offsetMsgId, copy);
        } finally {
            result.release();
        }
    }

    private RemotingCommand finish(Skip skip, long committed, Poison poison, OffsetMsgId ids, PutResult result,
                                   Throwable error) {
        if (error != null || !result.isStored()) {
            String why = error != null ? error.toString() : result.status() + " " + result.reason();
            int code = error != null ? ResponseCode.SYSTEM_ERROR : switch (result.status()) {
                case MESSAGE_ILLEGAL, PROPERTIES_SIZE_EXCEEDED -> ResponseCode.MESSAGE_ILLEGAL;
                case SERVICE_NOT_AVAILABLE -> ResponseCode.SERVICE_NOT_AVAILABLE;
                default -> ResponseCode.SYSTEM_ERROR;
            };
            return RemotingCommand.response(code, "storing the copy of the message at offset " + committed + " of "
                    + skip.queueName() + " in " + poison.copy().topic + " failed, nothing skipped: " + why);
        }
        long next = committed + 1;
        ResetOffsetBody table = new ResetOffsetBody();
        table.offsetTable.put(new MessageQueueBody(skip.topic(), brokerName, skip.queueId()), next);
        int told = delivery.deliver(skip.group(), skip.topic(), System.currentTimeMillis(), true, table,
                ResetDelivery.Hold.COMMITS);
        String dlqOffsetMsgId = ids.of(result.wroteOffset());
        LOG.info("group {} skipped message {} at offset {} of {}: copied to {} as {}, offset now {}, {} clients told",
                skip.group(), poison.msgId(), committed, skip.queueName(), poison.copy().topic, dlqOffsetMsgId, next,
                told);
        return RemotingCommand.success().putExt("msgId", poison.msgId()).putExt("offsetMsgId", poison.offsetMsgId())
                .putExt("queueOffset", committed).putExt("nextOffset", next)
                .putExt("dlqTopic", poison.copy().topic).putExt("dlqOffsetMsgId", dlqOffsetMsgId)
                .putExt("clientsTold", told);
    }

    private InetSocketAddress storeHost() {
        String address = brokerAddress.get();
        int colon = address.lastIndexOf(':');
        return new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
    }
}
