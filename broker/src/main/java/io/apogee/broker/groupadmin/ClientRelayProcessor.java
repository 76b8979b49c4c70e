package io.apogee.broker.groupadmin;

import io.apogee.broker.client.ClientConnection;
import io.apogee.broker.client.ClientTable;
import io.apogee.broker.subscription.SubscriptionGroupConfig;
import io.apogee.broker.subscription.SubscriptionGroupTable;
import io.apogee.broker.topic.TopicTable;
import io.apogee.common.message.OffsetMsgId;
import io.apogee.common.text.ClientText;
import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RemotingException;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.TopicConfig;
import io.apogee.store.MessageStore;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * Admin requests answered by one consumer client, relayed over that client's connection (docs/protocol/06-admin.md):
 * <ul>
 *   <li>GET_CONSUMER_RUNNING_INFO (307), header {@code consumerGroup}, {@code clientId}, {@code jstackEnable}.</li>
 *   <li>CONSUME_MESSAGE_DIRECTLY (309), header {@code consumerGroup}, {@code clientId}, {@code msgId} (the
 *       offsetMsgId: store host then 8-byte commit-log offset, in hex), 5.x {@code topic}: the broker reads the
 *       record at that commit-log offset and relays it as the body, adding {@code brokerName},
 *       {@code topicSysFlag} (topic known) and {@code groupSysFlag} (group configured) to the header.</li>
 * </ul>
 * The relayed request carries the admin's header fields under a new opaque; the client's answer (code, remark,
 * header fields, body) is returned untouched. Refusals: client id not connected in the group → SYSTEM_ERROR (1)
 * naming group and client; relay timed out after {@value #RELAY_TIMEOUT_MILLIS} ms → CONSUME_MSG_TIMEOUT (207);
 * any other relay failure → 1; a malformed msgId → INVALID_PARAMETER (29); no record at its offset →
 * QUERY_NOT_FOUND (22).
 *
 * <p>Never waits: the answer is sent from the relay future's completion (on the client connection's I/O thread,
 * where it is only a write). Thread-safe: stateless apart from the thread-safe tables and store.
 */
public final class ClientRelayProcessor implements RequestProcessor {

    /** How long the client may take to answer a relayed request (Apache's value). */
    static final long RELAY_TIMEOUT_MILLIS = 10_000;
    /** Hex digits of the commit-log offset at the end of an offsetMsgId. */

    private final ClientTable clients;
    private final TopicTable topics;
    private final SubscriptionGroupTable groups;
    private final MessageStore store;
    private final String brokerName;

    public ClientRelayProcessor(ClientTable clients, TopicTable topics, SubscriptionGroupTable groups,
                                MessageStore store, String brokerName) {
        this.clients = clients;
        this.topics = topics;
        this.groups = groups;
        this.store = store;
        this.brokerName = brokerName;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        return switch (request.code()) {
            case RequestCode.GET_CONSUMER_RUNNING_INFO -> relay(channel, request, copyOf(request), null);
            case RequestCode.CONSUME_MESSAGE_DIRECTLY -> consumeDirectly(channel, request);
            default -> RemotingCommand.response(ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    "client relay processor cannot handle request code " + request.code());
        };
    }

    private RemotingCommand consumeDirectly(RemoteChannel channel, RemotingCommand request) {
        String msgId = request.requireExt("msgId");
        Optional<Long> offset = OffsetMsgId.decode(msgId).map(OffsetMsgId.Decoded::commitLogOffset);
        if (offset.isEmpty()) {
            return RemotingCommand.response(ResponseCode.INVALID_PARAMETER, "msgId " + ClientText.of(msgId)
                    + " is not an offset message id (32 or 56 hex digits ending with the commit-log offset)");
        }
        ByteBuffer record = store.lookMessageByOffset(offset.get());
        if (record == null) {
            return RemotingCommand.response(ResponseCode.QUERY_NOT_FOUND, "no message at commit-log offset "
                    + offset.get() + " (msgId " + msgId + ") on this broker");
        }
        byte[] body = new byte[record.remaining()];
        record.get(body);
        Map<String, String> header = copyOf(request);
        header.put("brokerName", brokerName);
        String topic = request.ext("topic");
        TopicConfig topicConfig = topic == null ? null : topics.find(topic);
        if (topicConfig != null) {
            header.put("topicSysFlag", String.valueOf(topicConfig.topicSysFlag));
        }
        SubscriptionGroupConfig group = groups.find(request.requireExt("consumerGroup"));
        if (group != null) {
            header.put("groupSysFlag", String.valueOf(group.groupSysFlag));
        }
        return relay(channel, request, header, body);
    }

    private RemotingCommand relay(RemoteChannel admin, RemotingCommand request, Map<String, String> header,
                                  byte[] body) {
        String group = request.requireExt("consumerGroup");
        String clientId = request.requireExt("clientId");
        Optional<ClientConnection> client = clients.consumerConnection(group, clientId);
        if (client.isEmpty()) {
            return RemotingCommand.response(ResponseCode.SYSTEM_ERROR, "The Consumer <" + group + "> <"
                    + ClientText.of(clientId) + "> not online: no connection of that client id in the group");
        }
        RemotingCommand relayed = RemotingCommand.request(request.code()).extFields(header).body(body);
        client.get().channel().invoke(relayed, RELAY_TIMEOUT_MILLIS).whenComplete((answer, error) ->
                admin.reply(request, error == null ? answerOf(answer) : failure(group, clientId, error)));
        return null;
    }

    private static RemotingCommand answerOf(RemotingCommand clientAnswer) {
        return RemotingCommand.response(clientAnswer.code(), clientAnswer.remark())
                .extFields(clientAnswer.extFields()).body(clientAnswer.body());
    }

    private static RemotingCommand failure(String group, String clientId, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        boolean timeout = cause instanceof RemotingException e && e.kind() == RemotingException.Kind.TIMEOUT;
        String what = "consumer <" + group + "> <" + ClientText.of(clientId) + "> ";
        return timeout
                ? RemotingCommand.response(ResponseCode.CONSUME_MSG_TIMEOUT, what + "did not answer within "
                        + RELAY_TIMEOUT_MILLIS + " ms")
                : RemotingCommand.response(ResponseCode.SYSTEM_ERROR,
                        what + "could not be asked: " + cause.getMessage());
    }

    private static Map<String, String> copyOf(RemotingCommand request) {
        return request.extFields() == null ? new HashMap<>() : new HashMap<>(request.extFields());
    }
}
