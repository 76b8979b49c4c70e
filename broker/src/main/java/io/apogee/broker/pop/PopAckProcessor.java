package io.apogee.broker.pop;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.apogee.broker.offset.ConsumerOffsetTable;
import io.apogee.broker.topic.TopicTable;
import io.apogee.common.text.ClientText;
import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.TopicConfig;
import io.apogee.store.MessageStore;
import java.io.IOException;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * ACK_MESSAGE (200051) and CHANGE_MESSAGE_INVISIBLETIME (200053), by a popped message's handle ({@link PopHandle};
 * docs/protocol/16-*.md §4). BATCH_ACK_MESSAGE (200151) is {@link BatchAcks}.
 *
 * <p>Both check: the topic (the one the message was read from: the client maps the handle's retry flag back to the
 * retry topic) exists (17); 0 &lt;= queueId &lt; readQueueNums (13); the offset is inside the queue (208: ack
 * [min, max], change [min, max)); the handle parses (13). Then:
 * <ul>
 *   <li>ack: the message leaves its checkpoint (journaled), so it is not redelivered; an ack of a message
 *       already redelivered or acknowledged, or of an unknown handle, answers SUCCESS as Apache does. Orderly
 *       handles (reviveQid 999) move the committed offset over the acknowledged prefix ({@link OrderedPops}): an
 *       offset that pop did not hand out is 13, a handle of an older pop is ignored.</li>
 *   <li>change: a new one-message checkpoint invisible for {@code invisibleTime} from now replaces the message's
 *       place in its old one; header {@code popTime} = now, {@code invisibleTime}, {@code reviveQid}. A message
 *       already redelivered or acknowledged gets no new checkpoint (Apache's would deliver it once more). Orderly
 *       handles set the message's next visible time; the header then keeps the pop's own time.</li>
 * </ul>
 *
 * <p>Thread-safe: stateless apart from thread-safe collaborators.
 */
final class PopAckProcessor implements RequestProcessor {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final TopicTable topics;
    private final MessageStore store;
    private final ConsumerOffsetTable offsets;
    private final InflightPops inflight;
    private final ReviveLog log;
    private final OrderedPops ordered;
    private final PopHolds holds;
    private final LongSupplier clock;

    /** The fields of an ack or change request, checked; or the refusal. */
    private record Target(String group, String topic, int queueId, long offset, PopHandle handle,
                          RemotingCommand refusal) {
        static Target refuse(int code, String remark) {
            return new Target(null, null, 0, 0, null, RemotingCommand.response(code, remark));
        }
    }

    PopAckProcessor(TopicTable topics, MessageStore store, ConsumerOffsetTable offsets, InflightPops inflight,
                    ReviveLog log, OrderedPops ordered, PopHolds holds, LongSupplier clock) {
        this.topics = topics;
        this.store = store;
        this.offsets = offsets;
        this.inflight = inflight;
        this.log = log;
        this.ordered = ordered;
        this.holds = holds;
        this.clock = clock;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) throws IOException {
        return switch (request.code()) {
            case RequestCode.ACK_MESSAGE -> ack(request);
            case RequestCode.CHANGE_MESSAGE_INVISIBLETIME -> change(request);
            case RequestCode.BATCH_ACK_MESSAGE -> batchAck(request);
            default -> RemotingCommand.response(ResponseCode.MESSAGE_ILLEGAL,
                    "the POP ack processor cannot handle request code " + request.code());
        };
    }

    private RemotingCommand ack(RemotingCommand request) {
        Target t = check(request, true);
        if (t.refusal() != null) {
            return t.refusal();
        }
        if (t.handle().isOrderly()) {
            return ackOrderly(t.group(), t.topic(), t.queueId(), t.offset(), t.handle().popTime());
        }
        ackInCheckpoint(t.group(), t.topic(), t.queueId(), t.handle().ckOffset(), t.handle().popTime(),
                List.of(t.offset()));
        return RemotingCommand.success();
    }

    /** Takes {@code acked} out of their checkpoint (journaled); false when none was still waiting there. */
    boolean ackInCheckpoint(String group, String topic, int queueId, long ckOffset, long popTime, List<Long> acked) {
        Checkpoint c = inflight.find(Checkpoint.key(topic, group, queueId, ckOffset, popTime));
        if (c == null) {
            return false;
        }
        boolean any = false;
        for (long offset : acked) {
            any |= c.ack(offset);
        }
        if (!any) {
            return false;
        }
        log.appendAck(new Checkpoint.Ack(topic, group, queueId, ckOffset, popTime, acked, null));
        if (c.allAcked()) {
            c.resolve();
            inflight.remove(c);
        }
        return true;
    }

    /** See the class comment (orderly handles). */
    RemotingCommand ackOrderly(String group, String topic, int queueId, long offset, long popTime) {
        if (offset < offsets.query(group, topic, queueId)) {
            return RemotingCommand.success();
        }
        String key = OrderedPops.key(topic, group, queueId);
        OrderedPops.AckResult result = ordered.ack(key, offset, popTime);
        switch (result.status()) {
            case ILLEGAL:
                return RemotingCommand.response(ResponseCode.MESSAGE_ILLEGAL, "offset is illegal, key:" + key
                        + ", offset " + offset + " was not handed out by the pop at " + popTime);
            case COMMIT:
                offsets.commit(group, topic, queueId, result.next());
                if (!ordered.blocked(key, null, clock.getAsLong())) {
                    holds.arrived(topic);
                }
                return RemotingCommand.success();
            default:
                return RemotingCommand.success();
        }
    }

    private RemotingCommand change(RemotingCommand request) {
        Target t = check(request, false);
        if (t.refusal() != null) {
            return t.refusal();
        }
        long invisibleTime = request.requireExtLong("invisibleTime");
        long now = clock.getAsLong();
        PopHandle h = t.handle();
        if (h.isOrderly()) {
            long popTime = ordered.changeInvisible(OrderedPops.key(t.topic(), t.group(), t.queueId()), t.offset(),
                    h.popTime(), now + invisibleTime);
            long shownPopTime = popTime < 0 ? h.popTime() : popTime;
            return changed(shownPopTime, now + invisibleTime - shownPopTime, h.reviveQid());
        }
        Checkpoint replacement = new Checkpoint(t.topic(), t.group(), t.queueId(), t.offset(), now, invisibleTime,
                new long[] {t.offset()});
        if (!log.append(replacement)) {
            return RemotingCommand.response(ResponseCode.SYSTEM_ERROR, "storing the new checkpoint of "
                    + t.topic() + ":" + t.queueId() + " offset " + t.offset() + " failed");
        }
        if (!ackInCheckpoint(t.group(), t.topic(), t.queueId(), h.ckOffset(), h.popTime(), List.of(t.offset()))) {
            // already redelivered or acknowledged: the replacement must not deliver it once more
            ackInCheckpoint(t.group(), t.topic(), t.queueId(), t.offset(), now, List.of(t.offset()));
        }
        return changed(now, invisibleTime, h.reviveQid());
    }

    private static RemotingCommand changed(long popTime, long invisibleTime, int reviveQid) {
        return RemotingCommand.success().putExt("popTime", popTime).putExt("invisibleTime", invisibleTime)
                .putExt("reviveQid", reviveQid);
    }

    private Target check(RemotingCommand request, boolean ack) {
        String group = request.requireExt("consumerGroup");
        String topic = request.requireExt("topic");
        int queueId = request.requireExtInt("queueId");
        long offset = request.requireExtLong("offset");
        String extraInfo = request.requireExt("extraInfo");
        TopicConfig config = topics.find(topic);
        if (config == null) {
            return Target.refuse(ResponseCode.TOPIC_NOT_EXIST, "topic[" + ClientText.of(topic)
                    + "] not exist, apply first please!");
        }
        if (queueId < 0 || queueId >= config.readQueueNums) {
            return Target.refuse(ResponseCode.MESSAGE_ILLEGAL, "queueId[" + queueId + "] is illegal, "
                    + "topic:[" + topic + "] topicConfig.readQueueNums:[" + config.readQueueNums + "] consumer:["
                    + group + "]");
        }
        long min = store.minOffsetInQueue(topic, queueId);
        long max = store.maxOffsetInQueue(topic, queueId);
        if (offset < min || offset > max || (!ack && offset == max)) {
            return Target.refuse(ResponseCode.NO_MESSAGE, "offset is illegal, key:" + topic + "@"
                    + queueId + ", offset " + offset + " is outside the queue's " + min + "~" + max);
        }
        PopHandle handle = PopHandle.parse(extraInfo);
        if (handle == null) {
            return Target.refuse(ResponseCode.MESSAGE_ILLEGAL, "extraInfo '" + ClientText.of(extraInfo)
                    + "' is not a POP_CK handle");
        }
        return new Target(group, topic, queueId, offset, handle, null);
    }

    private RemotingCommand batchAck(RemotingCommand request) throws IOException {
        BatchAcks.Body body = request.body() == null ? null : JSON.readValue(request.body(), BatchAcks.Body.class);
        if (body == null || body.acks() == null || body.acks().isEmpty()) {
            return RemotingCommand.response(ResponseCode.NO_MESSAGE, "a batch ack without acks");
        }
        return new BatchAcks(this, store).apply(body);
    }
}
