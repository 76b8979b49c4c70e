package io.apogee.broker.stats;

import io.apogee.broker.offset.ConsumerOffsetTable;
import io.apogee.broker.topic.TopicTable;
import io.apogee.common.text.ClientText;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.MessageQueueBody;
import io.apogee.remoting.body.QueryConsumeTimeSpanBody;
import io.apogee.remoting.body.QueueTimeSpan;
import io.apogee.remoting.body.TopicConfig;
import io.apogee.store.MessageStore;

/**
 * QUERY_CONSUME_TIME_SPAN (303, headers {@code topic}, {@code group}): a {@link QueryConsumeTimeSpanBody} with, per
 * write queue of the topic, the store times of its oldest and newest messages (-1 when empty), of the group's last
 * consumed message (the oldest message's time when the group consumed none) and, when the group is behind, how long
 * its next message has been waiting ({@code delayTime}, ms; 0 when caught up). A group without an offset on a queue
 * counts as standing at the queue's first message (Apache reads offset -1 there). Unknown topic: TOPIC_NOT_EXIST
 * (17) naming it. docs/protocol/06-admin.md.
 *
 * <p>Thread-safe: stateless apart from thread-safe collaborators.
 */
public final class ConsumeTimeSpanProcessor implements RequestProcessor {

    private final String brokerName;
    private final MessageStore store;
    private final TopicTable topics;
    private final ConsumerOffsetTable offsets;
    private final StoreTimes times;

    ConsumeTimeSpanProcessor(String brokerName, MessageStore store, TopicTable topics, ConsumerOffsetTable offsets) {
        this.brokerName = brokerName;
        this.store = store;
        this.topics = topics;
        this.offsets = offsets;
        this.times = new StoreTimes(store);
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        String topic = request.requireExt("topic");
        String group = request.requireExt("group");
        TopicConfig config = topics.find(topic);
        if (config == null) {
            return RemotingCommand.response(ResponseCode.TOPIC_NOT_EXIST,
                    "topic[" + ClientText.of(topic) + "] not exist");
        }
        QueryConsumeTimeSpanBody body = new QueryConsumeTimeSpanBody();
        long now = System.currentTimeMillis();
        for (int q = 0; q < config.writeQueueNums; q++) {
            body.consumeTimeSpanSet.add(span(topic, q, group, now));
        }
        return RemotingCommand.success().body(JsonCodec.encode(body));
    }

    private QueueTimeSpan span(String topic, int q, String group, long now) {
        QueueTimeSpan span = new QueueTimeSpan();
        span.messageQueue = new MessageQueueBody(topic, brokerName, q);
        span.minTimeStamp = store.earliestMessageTime(topic, q);
        long max = store.maxOffsetInQueue(topic, q);
        span.maxTimeStamp = times.at(topic, q, max - 1);
        long committed = offsets.query(group, topic, q);
        long consumed = committed >= 0 ? committed : store.minOffsetInQueue(topic, q);
        span.consumeTimeStamp = consumed > 0 ? times.at(topic, q, consumed - 1) : span.minTimeStamp;
        if (consumed < max) {
            long next = times.at(topic, q, consumed);
            span.delayTime = next > 0 ? now - next : 0;
        }
        return span;
    }
}
