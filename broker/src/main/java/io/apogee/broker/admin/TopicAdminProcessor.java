package io.apogee.broker.admin;

import io.apogee.broker.topic.TopicNameRule;
import io.apogee.broker.topic.TopicTable;
import io.apogee.common.io.MetadataWriteException;
import io.apogee.common.text.ClientText;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.TopicConfig;
import java.util.Optional;

/**
 * Serves the admin topic requests:
 * <ul>
 *   <li>UPDATE_AND_CREATE_TOPIC (17): headers {@code topic}, {@code readQueueNums}, {@code writeQueueNums},
 *       {@code perm}, {@code topicFilterType}, {@code topicSysFlag}, {@code order}; creates or replaces the topic,
 *       persists it and answers 0 once it is written and the name servers were told (without blocking a thread), or 1
 *       naming the file when it could not be written. An illegal name answers 1,
 *       illegal queue counts or perm 29, each with a remark naming the value.</li>
 *   <li>GET_TOPIC_CONFIG (351): header {@code topic}; body = the TopicConfig JSON, or 17 when unknown.</li>
 *   <li>GET_ALL_TOPIC_CONFIG (21): body {@code {"dataVersion":{...},"topicConfigTable":{name: TopicConfig}}}.</li>
 * </ul>
 *
 * <p>Thread-safe: stateless apart from the thread-safe {@link TopicTable}.
 */
public final class TopicAdminProcessor implements RequestProcessor {

    private static final int MAX_QUEUES = 1024;

    private final TopicTable topics;

    public TopicAdminProcessor(TopicTable topics) {
        this.topics = topics;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        return switch (request.code()) {
            case RequestCode.UPDATE_AND_CREATE_TOPIC -> updateAndCreate(channel, request);
            case RequestCode.GET_TOPIC_CONFIG -> getTopicConfig(request);
            case RequestCode.GET_ALL_TOPIC_CONFIG ->
                    RemotingCommand.success().body(JsonCodec.encode(topics.snapshot()));
            default -> RemotingCommand.response(ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    "request code " + request.code() + " is not an admin topic request");
        };
    }

    private RemotingCommand updateAndCreate(RemoteChannel channel, RemotingCommand request) {
        String name = request.requireExt("topic");
        Optional<String> badName = TopicNameRule.check(name);
        if (badName.isPresent()) {
            return RemotingCommand.response(ResponseCode.SYSTEM_ERROR, badName.get());
        }
        int perm = request.extInt("perm", TopicConfig.PERM_READ | TopicConfig.PERM_WRITE);
        TopicConfig t = new TopicConfig(name, 0, perm);
        t.readQueueNums = request.requireExtInt("readQueueNums");
        t.writeQueueNums = request.requireExtInt("writeQueueNums");
        String filterType = request.ext("topicFilterType");
        t.topicFilterType = filterType == null || filterType.isEmpty() ? "SINGLE_TAG" : filterType;
        t.topicSysFlag = request.extInt("topicSysFlag", 0);
        t.order = request.extBool("order", false);
        Optional<String> badValue = checkValues(t);
        if (badValue.isPresent()) {
            return RemotingCommand.response(ResponseCode.INVALID_PARAMETER, badValue.get());
        }
        topics.update(t).whenComplete((v, error) -> channel.reply(request, error == null
                ? RemotingCommand.success()
                : RemotingCommand.response(ResponseCode.SYSTEM_ERROR, "topic " + name + " was changed in memory but "
                        + "could not be stored: " + MetadataWriteException.messageOf(error))));
        return null;
    }

    private static Optional<String> checkValues(TopicConfig t) {
        if (t.readQueueNums < 0 || t.readQueueNums > MAX_QUEUES) {
            return Optional.of("readQueueNums " + t.readQueueNums + " of topic " + t.topicName
                    + " is outside 0.." + MAX_QUEUES);
        }
        if (t.writeQueueNums < 0 || t.writeQueueNums > MAX_QUEUES) {
            return Optional.of("writeQueueNums " + t.writeQueueNums + " of topic " + t.topicName
                    + " is outside 0.." + MAX_QUEUES);
        }
        if (t.perm < 0 || t.perm > 7) {
            return Optional.of("perm " + t.perm + " of topic " + t.topicName + " is outside 0..7");
        }
        return Optional.empty();
    }

    private RemotingCommand getTopicConfig(RemotingCommand request) {
        String name = request.requireExt("topic");
        TopicConfig t = topics.find(name);
        if (t == null) {
            return RemotingCommand.response(ResponseCode.TOPIC_NOT_EXIST, "topic " + ClientText.of(name)
                    + " does not exist");
        }
        return RemotingCommand.success().body(JsonCodec.encode(t));
    }
}
