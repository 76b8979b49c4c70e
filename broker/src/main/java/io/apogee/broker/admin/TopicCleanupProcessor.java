package io.apogee.broker.admin;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.topic.SystemTopics;
import io.apogee.broker.topic.TopicTable;
import io.apogee.common.io.MetadataWriteException;
import io.apogee.common.text.ClientText;
import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.ResponseCode;
import io.apogee.store.MessageStore;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes topics and consume queues (docs/protocol/06-admin.md, topic deletion and housekeeping):
 * <ul>
 *   <li>DELETE_TOPIC_IN_BROKER (215), ext {@code topic}: removes the topic config (answered once topics.json no
 *       longer holds it), its consume queues (the records stay in the commit log until cleanup) and the
 *       consumer offsets on it. A blank name or a system topic ({@link SystemTopics#isSystem}, the cluster and
 *       broker name topics) answers INVALID_PARAMETER (29) naming it; an unknown topic answers 0, as Apache.
 *       Name servers keep routing the topic until DELETE_TOPIC_IN_NAMESRV (216), as with Apache
 *       ({@code mqadmin deleteTopic} sends both).</li>
 *   <li>CLEAN_EXPIRED_CONSUMEQUEUE (306): deletes the queues of non-system topics whose every message cleanup
 *       already deleted (their last unit points below the commit log's min offset); 0, remark listing them.</li>
 *   <li>CLEAN_UNUSED_TOPIC (316): deletes the consume queues of topics the topic table no longer holds (system
 *       topics kept); 0, remark listing them.</li>
 * </ul>
 *
 * <p>Thread-safe: stateless apart from the thread-safe table and store; runs on the broker-worker pool (the
 * store's deletions wait, bounded, for the dispatcher and delete files).
 */
public final class TopicCleanupProcessor implements RequestProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(TopicCleanupProcessor.class);

    private final BrokerConfig config;
    private final TopicTable topics;
    private final MessageStore store;
    private final Consumer<String> forgetOffsets;

    /** @param forgetOffsets removes every consumer offset committed on a topic */
    public TopicCleanupProcessor(BrokerConfig config, TopicTable topics, MessageStore store,
                                 Consumer<String> forgetOffsets) {
        this.config = config;
        this.topics = topics;
        this.store = store;
        this.forgetOffsets = forgetOffsets;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) throws IOException {
        return switch (request.code()) {
            case RequestCode.DELETE_TOPIC_IN_BROKER -> deleteTopic(channel, request);
            case RequestCode.CLEAN_EXPIRED_CONSUMEQUEUE -> done("deleted expired consume queues",
                    store.deleteExpiredQueues(this::isSystem));
            case RequestCode.CLEAN_UNUSED_TOPIC -> cleanUnusedTopics();
            default -> RemotingCommand.response(ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    "request code " + request.code() + " is not a topic cleanup request");
        };
    }

    /**
     * True for RocketMQ's system topics, this broker's cluster and broker name topics, and the trace topic it creates
     * ({@code msgTraceTopicName} with {@code traceTopicEnable}, a system topic in Apache too).
     */
    boolean isSystem(String topic) {
        return SystemTopics.isSystem(topic) || topic.equals(config.brokerClusterName)
                || topic.equals(config.brokerName) || config.traceTopicEnable && topic.equals(config.msgTraceTopicName);
    }

    private RemotingCommand deleteTopic(RemoteChannel channel, RemotingCommand request) throws IOException {
        String topic = request.requireExt("topic").trim();
        if (topic.isEmpty()) {
            return RemotingCommand.response(ResponseCode.INVALID_PARAMETER, "The specified topic is blank.");
        }
        if (isSystem(topic)) {
            return RemotingCommand.response(ResponseCode.INVALID_PARAMETER, "topic " + ClientText.of(topic)
                    + " is a system topic of this broker and cannot be deleted");
        }
        CompletableFuture<Boolean> configRemoved = topics.delete(topic);
        int queues = store.deleteTopicQueues(topic);
        forgetOffsets.accept(topic);
        LOG.info("Topic {} deleted by {}: {} consume queues removed", ClientText.of(topic), channel.remoteAddress(),
                queues);
        configRemoved.whenComplete((existed, error) -> channel.reply(request, error == null
                ? RemotingCommand.success()
                : RemotingCommand.response(ResponseCode.SYSTEM_ERROR, "topic " + topic + " was deleted in memory "
                        + "but topics.json could not be written: " + MetadataWriteException.messageOf(error))));
        return null;
    }

    private RemotingCommand cleanUnusedTopics() throws IOException {
        Set<String> unused = new TreeSet<>(store.queueTopics());
        unused.removeAll(topics.all().keySet());
        unused.removeIf(this::isSystem);
        for (String topic : unused) {
            store.deleteTopicQueues(topic);
        }
        return done("deleted consume queues of unused topics", List.copyOf(unused));
    }

    private static RemotingCommand done(String what, List<String> deleted) {
        if (!deleted.isEmpty()) {
            LOG.info("{}: {}", what, deleted);
        }
        return RemotingCommand.response(ResponseCode.SUCCESS, what + ": " + (deleted.isEmpty() ? "none" : deleted));
    }
}
