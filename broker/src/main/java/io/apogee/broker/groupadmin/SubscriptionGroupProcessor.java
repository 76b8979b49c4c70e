package io.apogee.broker.groupadmin;

import io.apogee.broker.offset.ConsumerOffsetTable;
import io.apogee.broker.offset.QueueBounds;
import io.apogee.broker.subscription.SubscriptionGroupConfig;
import io.apogee.broker.subscription.SubscriptionGroupTable;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.SubscriptionGroupWrapper;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumer-group settings (docs/protocol/06-admin.md, subscription groups):
 * <ul>
 *   <li>UPDATE_AND_CREATE_SUBSCRIPTIONGROUP (200), body SubscriptionGroupConfig JSON (every key kept, 5.x extras
 *       included): creates or replaces the group; answered once {@code subscriptionGroup.json} holds it.</li>
 *   <li>GET_ALL_SUBSCRIPTIONGROUP_CONFIG (201): {@link SubscriptionGroupWrapper} of every group, in one answer
 *       without {@code totalGroupNum} (so the paging 5.4.0 admin takes it as complete).</li>
 *   <li>DELETE_SUBSCRIPTIONGROUP (207), header {@code groupName}, 5.x {@code cleanOffset}: removes the group
 *       (and, with cleanOffset, its committed offsets); answered once the file no longer holds it.</li>
 * </ul>
 * Refusals, nothing applied: a malformed body, an illegal group name or a setting out of range →
 * INVALID_PARAMETER (29); deleting a group that is neither configured nor (with cleanOffset) has offsets →
 * SUBSCRIPTION_GROUP_NOT_EXIST (26) (Apache answers 0); a failed file write → SYSTEM_ERROR (1) naming the error
 * (the change stays in memory, as the table documents).
 *
 * <p>Thread-safe: stateless apart from the thread-safe tables; answers are sent from the metadata writer thread.
 */
public final class SubscriptionGroupProcessor implements RequestProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionGroupProcessor.class);
    /** Most retry queues a group may ask for: the topic queue-count bound of UPDATE_AND_CREATE_TOPIC. */
    static final int MAX_RETRY_QUEUES = 1024;

    private final SubscriptionGroupTable groups;
    private final ConsumerOffsetTable offsets;

    public SubscriptionGroupProcessor(SubscriptionGroupTable groups, ConsumerOffsetTable offsets) {
        this.groups = groups;
        this.offsets = offsets;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        return switch (request.code()) {
            case RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP -> update(channel, request);
            case RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG -> all();
            case RequestCode.DELETE_SUBSCRIPTIONGROUP -> delete(channel, request);
            default -> RemotingCommand.response(ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    "subscription group processor cannot handle request code " + request.code());
        };
    }

    private RemotingCommand update(RemoteChannel channel, RemotingCommand request) {
        SubscriptionGroupConfig config;
        try {
            config = JsonCodec.decode(request.body(), SubscriptionGroupConfig.class);
        } catch (IllegalArgumentException e) {
            return RemotingCommand.response(ResponseCode.INVALID_PARAMETER, e.getMessage());
        }
        Optional<String> problem = check(config);
        if (problem.isPresent()) {
            return RemotingCommand.response(ResponseCode.INVALID_PARAMETER, problem.get());
        }
        LOG.info("subscription group {} created or updated by {}", config.groupName, channel.remoteAddress());
        replyWhenWritten(channel, request, groups.put(config), "subscription group " + config.groupName);
        return null;
    }

    /** Empty when the config may be stored, else why not. */
    static Optional<String> check(SubscriptionGroupConfig config) {
        Optional<String> illegal = QueueBounds.checkGroup(config.groupName).map(QueueBounds.Refusal::remark);
        if (illegal.isPresent()) {
            return illegal;
        }
        String group = "subscription group " + config.groupName + ": ";
        if (config.retryQueueNums < 0 || config.retryQueueNums > MAX_RETRY_QUEUES) {
            return Optional.of(group + "retryQueueNums " + config.retryQueueNums + " is outside 0.."
                    + MAX_RETRY_QUEUES);
        }
        if (config.retryMaxTimes < -1) {
            return Optional.of(group + "retryMaxTimes " + config.retryMaxTimes + " is below -1");
        }
        if (config.brokerId < 0 || config.whichBrokerWhenConsumeSlowly < 0) {
            return Optional.of(group + "brokerId " + config.brokerId + " and whichBrokerWhenConsumeSlowly "
                    + config.whichBrokerWhenConsumeSlowly + " must not be negative");
        }
        if (config.consumeTimeoutMinute < 0) {
            return Optional.of(group + "consumeTimeoutMinute " + config.consumeTimeoutMinute + " is negative");
        }
        return Optional.empty();
    }

    private RemotingCommand all() {
        SubscriptionGroupWrapper body = new SubscriptionGroupWrapper();
        for (SubscriptionGroupConfig config : groups.all()) {
            body.subscriptionGroupTable.put(config.groupName, config);
        }
        body.dataVersion = groups.dataVersion();
        return RemotingCommand.success().body(JsonCodec.encode(body));
    }

    private RemotingCommand delete(RemoteChannel channel, RemotingCommand request) {
        String group = request.requireExt("groupName");
        boolean cleanOffset = request.extBool("cleanOffset", false);
        Optional<QueueBounds.Refusal> illegal = QueueBounds.checkGroup(group);
        if (illegal.isPresent()) {
            return illegal.get().response();
        }
        boolean hasOffsets = cleanOffset && !offsets.topicsOf(group).isEmpty();
        if (groups.find(group) == null && !hasOffsets) {
            return RemotingCommand.response(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST,
                    "subscription group " + group + " does not exist on this broker");
        }
        if (cleanOffset) {
            offsets.removeGroup(group);
        }
        LOG.info("subscription group {} deleted by {} (cleanOffset={})", group, channel.remoteAddress(), cleanOffset);
        replyWhenWritten(channel, request, groups.remove(group), "deletion of subscription group " + group);
        return null;
    }

    private static void replyWhenWritten(RemoteChannel channel, RemotingCommand request, CompletableFuture<?> write,
                                         String what) {
        write.whenComplete((v, error) -> channel.reply(request, error == null ? RemotingCommand.success()
                : RemotingCommand.response(ResponseCode.SYSTEM_ERROR, what + " is applied but not durable: "
                        + error.getMessage())));
    }
}
