package io.apogee.tools.admin;

import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.body.TopicConfig;
import java.util.stream.Collectors;

/**
 * The UPDATE_AND_CREATE_TOPIC (17) header as the 5.4.0 admin writes it (docs/protocol/06-admin.md "17"):
 * {@code topic, defaultTopic=TBW102, readQueueNums, writeQueueNums, perm, topicFilterType, topicSysFlag, order,
 * attributes ("+k=v,+k2=v2" or ""), force=false}.
 *
 * <p>Stateless, hence thread-safe.
 */
final class TopicRequests {

    private TopicRequests() {
    }

    static RemotingCommand createOrUpdate(TopicConfig config) {
        String attributes = config.attributes.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).sorted().collect(Collectors.joining(","));
        return RemotingCommand.request(RequestCode.UPDATE_AND_CREATE_TOPIC)
                .putExt("topic", config.topicName).putExt("defaultTopic", "TBW102")
                .putExt("readQueueNums", config.readQueueNums).putExt("writeQueueNums", config.writeQueueNums)
                .putExt("perm", config.perm).putExt("topicFilterType", config.topicFilterType)
                .putExt("topicSysFlag", config.topicSysFlag).putExt("order", config.order)
                .putExt("attributes", attributes).putExt("force", false);
    }
}
