package io.apogee.broker.groupadmin;

import io.apogee.broker.client.ClientTable;
import io.apogee.broker.client.ConsumerGroup;
import io.apogee.broker.offset.ConsumerOffsetTable;
import io.apogee.broker.offset.QueueBounds;
import io.apogee.broker.schedule.DelayOffsetTable;
import io.apogee.broker.topic.TopicTable;
import io.apogee.common.text.ClientText;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.ConsumerOffsetSerializeWrapper;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntToLongFunction;

/**
 * Whole offset tables (docs/protocol/06-admin.md):
 * <ul>
 *   <li>GET_ALL_CONSUMER_OFFSET (43): {@link ConsumerOffsetSerializeWrapper}, every committed offset.</li>
 *   <li>GET_ALL_DELAY_OFFSET (45): the content of {@code delayOffset.json}, {@code {"offsetTable":{"1":5,..}}}
 *       with every delay level (0 for a level never delivered), see {@link DelayOffsetTable}.</li>
 *   <li>CLONE_GROUP_OFFSET (314), header {@code srcGroup}, {@code destGroup}, optional {@code topic}, {@code
 *       offline}: copies srcGroup's committed offsets of the topic (of every topic it has offsets on when none is
 *       given) to destGroup. Unless {@code offline}, a topic is skipped when srcGroup is online with
 *       subscriptions that do not include it (Apache's rule). Topics unknown on this broker are skipped; a named
 *       unknown topic is TOPIC_NOT_EXIST (17); an illegal group name INVALID_PARAMETER (29). The remark says how
 *       many queues were copied.</li>
 *   <li>QUERY_CORRECTION_OFFSET (308), header {@code topic}, {@code compareGroup}, optional {@code filterGroups}
 *       (comma separated): per queue of the topic, the smallest offset committed by any group not filtered out;
 *       where {@code compareGroup} has already passed that minimum, {@code Long.MAX_VALUE} (nothing to correct).
 *       Body {@code {"correctionOffsets":{"0":5,...}}}. A queue only compareGroup has is answered
 *       {@code Long.MAX_VALUE} too (Apache fails there with a NullPointerException).</li>
 * </ul>
 *
 * <p>Thread-safe: stateless apart from the thread-safe tables it reads and writes.
 */
public final class OffsetTableProcessor implements RequestProcessor {

    private final ConsumerOffsetTable offsets;
    private final ClientTable clients;
    private final TopicTable topics;
    private final IntToLongFunction delayOffsetOf;
    private final int delayLevels;

    /**
     * @param delayOffsetOf next offset to deliver of a delay level (1-based)
     * @param delayLevels   how many delay levels the broker has
     */
    public OffsetTableProcessor(ConsumerOffsetTable offsets, ClientTable clients, TopicTable topics,
                                IntToLongFunction delayOffsetOf, int delayLevels) {
        this.offsets = offsets;
        this.clients = clients;
        this.topics = topics;
        this.delayOffsetOf = delayOffsetOf;
        this.delayLevels = delayLevels;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        return switch (request.code()) {
            case RequestCode.GET_ALL_CONSUMER_OFFSET -> allConsumerOffsets();
            case RequestCode.GET_ALL_DELAY_OFFSET -> allDelayOffsets();
            case RequestCode.CLONE_GROUP_OFFSET -> cloneOffsets(request);
            case RequestCode.QUERY_CORRECTION_OFFSET -> correctionOffsets(request);
            default -> RemotingCommand.response(ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    "offset table processor cannot handle request code " + request.code());
        };
    }

    private RemotingCommand allConsumerOffsets() {
        ConsumerOffsetSerializeWrapper body = new ConsumerOffsetSerializeWrapper();
        body.offsetTable.putAll(offsets.snapshot());
        return RemotingCommand.success().body(JsonCodec.encode(body));
    }

    private RemotingCommand allDelayOffsets() {
        DelayOffsetTable.FileForm body = new DelayOffsetTable.FileForm();
        for (int level = 1; level <= delayLevels; level++) {
            body.offsetTable.put(level, delayOffsetOf.applyAsLong(level));
        }
        return RemotingCommand.success().body(JsonCodec.encode(body));
    }

    private RemotingCommand correctionOffsets(RemotingCommand request) {
        String topic = request.requireExt("topic");
        String compareGroup = request.requireExt("compareGroup");
        String filter = request.ext("filterGroups");
        Set<String> filtered = filter == null ? Set.of() : Set.of(filter.trim().split("\\s*,\\s*"));
        Map<Integer, Long> minimum = new TreeMap<>();
        for (String group : offsets.groupsOf(topic)) {
            if (!filtered.contains(group)) {
                offsets.offsets(group, topic).forEach((queue, offset) -> minimum.merge(queue, offset, Math::min));
            }
        }
        offsets.offsets(compareGroup, topic).forEach((queue, compared) -> minimum.compute(queue,
                (q, min) -> min == null || min > compared ? Long.MAX_VALUE : min));
        return RemotingCommand.success().body(JsonCodec.encode(Map.of("correctionOffsets", minimum)));
    }

    private RemotingCommand cloneOffsets(RemotingCommand request) {
        String from = request.requireExt("srcGroup");
        String to = request.requireExt("destGroup");
        String topic = request.ext("topic");
        boolean offline = request.extBool("offline", false);
        Optional<QueueBounds.Refusal> illegal = QueueBounds.checkGroup(from).or(() -> QueueBounds.checkGroup(to));
        if (illegal.isPresent()) {
            return illegal.get().response();
        }
        boolean named = topic != null && !topic.isBlank();
        if (named && topics.find(topic) == null) {
            return RemotingCommand.response(ResponseCode.TOPIC_NOT_EXIST,
                    "topic " + ClientText.of(topic) + " does not exist on this broker");
        }
        Set<String> candidates = named ? Set.of(topic) : offsets.topicsOf(from);
        ConsumerGroup live = clients.consumerGroup(from);
        int copied = 0;
        for (String t : candidates) {
            boolean notSubscribed = live != null && !live.subscriptions().isEmpty() && live.subscription(t) == null;
            if (topics.find(t) == null || (!offline && notSubscribed)) {
                continue;
            }
            copied += offsets.copy(from, to, t);
        }
        return RemotingCommand.success().remark("copied the offsets of " + copied + " queues from " + from + " to "
                + to);
    }
}
