package io.apogee.broker.admin;

import io.apogee.broker.client.ClientTable;
import io.apogee.broker.client.ConsumerGroup;
import io.apogee.broker.subscription.Subscription;
import io.apogee.common.text.ClientText;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.ConsumeQueueData;
import io.apogee.remoting.body.QueryConsumeQueueResponseBody;
import io.apogee.store.MessageStore;
import io.apogee.store.QueueUnit;

/**
 * QUERY_CONSUME_QUEUE (321), {@code mqadmin queryCq}: ext {@code topic}, {@code queueId}, {@code index} (first
 * logical offset), {@code count}, optional {@code consumerGroup}. Answers 0 with a
 * {@link QueryConsumeQueueResponseBody}: the queue's min and max offsets and up to {@code count} raw units from
 * {@code index} ({@code physicOffset}, {@code physicSize}, {@code tagsCode}); with a consumer group, its
 * subscription of the topic, or {@code filterData} {@code <group>@<topic> is not online!}. An unknown queue
 * answers 1 {@code <queueId>@<topic> is not exist!} (Apache's wording); an index outside the queue answers 0 with
 * no units and a remark saying so (Apache sends no body then). Counts above {@link #MAX_COUNT} are cut to it.
 *
 * <p>Thread-safe: stateless apart from the thread-safe store and client table.
 */
public final class ConsumeQueueQueryProcessor implements RequestProcessor {

    static final int MAX_COUNT = 1_000;

    private final MessageStore store;
    private final ClientTable clients;

    public ConsumeQueueQueryProcessor(MessageStore store, ClientTable clients) {
        this.store = store;
        this.clients = clients;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        String topic = request.requireExt("topic");
        int queueId = request.requireExtInt("queueId");
        long index = request.requireExtLong("index");
        int count = Math.min(request.requireExtInt("count"), MAX_COUNT);
        if (!store.hasQueue(topic, queueId)) {
            return RemotingCommand.response(ResponseCode.SYSTEM_ERROR, queueId + "@" + ClientText.of(topic)
                    + " is not exist!");
        }
        QueryConsumeQueueResponseBody body = new QueryConsumeQueueResponseBody();
        body.minQueueIndex = store.minOffsetInQueue(topic, queueId);
        body.maxQueueIndex = store.maxOffsetInQueue(topic, queueId);
        String group = request.ext("consumerGroup");
        if (group != null && !group.isEmpty()) {
            describeGroup(body, group, topic);
        }
        String remark = null;
        if (index < body.minQueueIndex || index >= body.maxQueueIndex) {
            remark = "Index " + index + " of " + queueId + "@" + ClientText.of(topic) + " is not exist! (queue holds "
                    + body.minQueueIndex + ".." + body.maxQueueIndex + ")";
        } else {
            for (QueueUnit unit : store.queueUnits(topic, queueId, index, Math.max(count, 0))) {
                ConsumeQueueData data = new ConsumeQueueData();
                data.physicOffset = unit.commitLogOffset();
                data.physicSize = unit.size();
                data.tagsCode = unit.tagsCode();
                body.queueData.add(data);
            }
        }
        return RemotingCommand.response(ResponseCode.SUCCESS, remark).body(JsonCodec.encode(body));
    }

    private void describeGroup(QueryConsumeQueueResponseBody body, String group, String topic) {
        ConsumerGroup consumers = clients.consumerGroup(group);
        Subscription subscription = consumers == null ? null : consumers.subscription(topic);
        if (subscription == null) {
            body.filterData = group + "@" + topic + " is not online!";
        } else {
            body.subscriptionData = subscription.toData();
        }
    }
}
