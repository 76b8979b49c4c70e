package io.apogee.broker.admin;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.topic.SystemTopics;
import io.apogee.broker.topic.TopicTable;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.body.TopicList;

/**
 * GET_SYSTEM_TOPIC_LIST_FROM_BROKER (305): 0 with body TopicList {@code {"topicList":[...]}}: RocketMQ's fixed
 * system topics ({@link SystemTopics#SYSTEM}), this broker's cluster and broker name topics, its trace topic
 * ({@code msgTraceTopicName} when {@code traceTopicEnable}), and any
 * {@code rmq_sys_} topic it holds. Like Apache, the list names system topics whether or not the broker has them.
 *
 * <p>Thread-safe: stateless apart from the thread-safe topic table.
 */
public final class SystemTopicListProcessor implements RequestProcessor {

    private final BrokerConfig config;
    private final TopicTable topics;

    public SystemTopicListProcessor(BrokerConfig config, TopicTable topics) {
        this.config = config;
        this.topics = topics;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        TopicList list = new TopicList();
        list.topicList.addAll(SystemTopics.SYSTEM);
        list.topicList.add(config.brokerClusterName);
        list.topicList.add(config.brokerName);
        if (config.traceTopicEnable) {
            list.topicList.add(config.msgTraceTopicName);
        }
        topics.all().keySet().stream().filter(SystemTopics::isSystem).forEach(list.topicList::add);
        return RemotingCommand.success().body(JsonCodec.encode(list));
    }
}
