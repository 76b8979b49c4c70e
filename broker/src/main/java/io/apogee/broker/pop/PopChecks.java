package io.apogee.broker.pop;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.subscription.SubscriptionGroupConfig;
import io.apogee.broker.subscription.SubscriptionGroupTable;
import io.apogee.broker.topic.TopicTable;
import io.apogee.common.text.ClientText;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.TopicConfig;

/**
 * The checks pops and notifications share, first failure wins, with Apache's remarks plus the value at fault: broker
 * readable (16), topic known (17) and readable (16), queueId below readQueueNums (29), group known or auto-created
 * (26) and allowed to consume (16).
 *
 * <p>Thread-safe: stateless apart from the thread-safe tables.
 */
final class PopChecks {

    private final BrokerConfig config;
    private final TopicTable topics;
    private final SubscriptionGroupTable groups;

    PopChecks(BrokerConfig config, TopicTable topics, SubscriptionGroupTable groups) {
        this.config = config;
        this.topics = topics;
        this.groups = groups;
    }

    /** Null when {@code group} may read {@code topic}'s {@code queueId} (-1: every queue), else the refusal. */
    RemotingCommand refusal(String group, String topic, int queueId) {
        if ((config.brokerPermission & TopicConfig.PERM_READ) == 0) {
            return RemotingCommand.response(ResponseCode.NO_PERMISSION, "the broker[" + config.brokerName
                    + "] peeking message is forbidden: brokerPermission=" + config.brokerPermission);
        }
        TopicConfig t = topics.find(topic);
        if (t == null) {
            return RemotingCommand.response(ResponseCode.TOPIC_NOT_EXIST, "topic[" + ClientText.of(topic)
                    + "] not exist, apply first please!");
        }
        if (!t.isReadable()) {
            return RemotingCommand.response(ResponseCode.NO_PERMISSION, "the topic[" + topic
                    + "] peeking message is forbidden: perm=" + t.perm);
        }
        if (queueId >= t.readQueueNums) {
            return RemotingCommand.response(ResponseCode.INVALID_PARAMETER, "queueId[" + queueId + "] is illegal, "
                    + "topic:[" + topic + "] topicConfig.readQueueNums:[" + t.readQueueNums + "] consumer:[" + group
                    + "]");
        }
        SubscriptionGroupConfig g = groups.findOrCreate(group);
        if (g == null) {
            return RemotingCommand.response(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, "subscription group ["
                    + group + "] does not exist and autoCreateSubscriptionGroup is off");
        }
        if (!g.consumeEnable) {
            return RemotingCommand.response(ResponseCode.NO_PERMISSION, "subscription group no permission, "
                    + group);
        }
        return null;
    }
}
