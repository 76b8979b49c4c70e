package io.apogee.broker.reply;

import io.apogee.broker.client.ClientConnection;
import io.apogee.broker.client.ClientTable;
import io.apogee.broker.send.SendRequestHeader;
import io.apogee.common.message.MessageProperties;
import io.apogee.common.text.ClientText;
import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ResponseCode;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes a reply to the connection of its requester: the producer whose client id is the reply's
 * {@code REPLY_TO_CLIENT} property, as registered by its heartbeat ({@link ClientTable#producerConnection}).
 *
 * <p>On the wire, PUSH_REPLY_MESSAGE_TO_CLIENT (326) is a broker → client request
 * (docs/protocol/16-timers-trace-reply-pop.md §3) whose header copies the replier's SEND_REPLY_MESSAGE header
 * under the long key names and adds three fields (all values strings): {@code producerGroup}, {@code topic}
 * ({@code <cluster>_REPLY_TOPIC}), {@code defaultTopic},
 * {@code defaultTopicQueueNums}, {@code queueId}, {@code sysFlag}, {@code bornTimestamp}, {@code flag},
 * {@code properties} (the reply's, with {@code PUSH_REPLY_TIME} = now in ms set), {@code reconsumeTimes},
 * {@code unitMode}, then {@code bornHost} ("ip:port" of the replier's connection), {@code storeHost} ("ip:port" of
 * this broker) and {@code storeTimestamp} (now, ms). The body is the reply's body as the replier sent it (still
 * compressed when {@code sysFlag} says so; the client inflates it). The Apache clients require every field except
 * properties, reconsumeTimes and unitMode, answer SUCCESS (0) once they have handed the reply to the waiting
 * request (a reply nobody waits for any more is only logged by the client), or SYSTEM_ERROR (1) with
 * "process reply message fail".
 *
 * <p>Never blocks: the push is sent with the remoting layer's async invoke and the returned future completes on
 * the requester connection's I/O thread (or the timeout timer). Thread-safe: immutable, the client table is.
 */
final class ReplyPush {

    /** The reply's property naming the requester's client id (Apache's {@code REPLY_TO_CLIENT}). */
    static final String REPLY_TO_CLIENT = "REPLY_TO_CLIENT";
    /** Set on the pushed reply: when the broker pushed it, ms (Apache's {@code PUSH_REPLY_TIME}). */
    static final String PUSH_REPLY_TIME = "PUSH_REPLY_TIME";
    /**
     * How long the requester may take to take the reply: the clients' default send timeout, so that a replier
     * with default settings hears the outcome about when it gives up itself (Apache waits 10 s).
     */
    static final long PUSH_TIMEOUT_MILLIS = 3_000;

    private static final Logger LOG = LoggerFactory.getLogger(ReplyPush.class);

    private final ClientTable clients;
    private final String storeHost;

    /** @param storeHost this broker's "ip:port", sent as the reply's store host */
    ReplyPush(ClientTable clients, String storeHost) {
        this.clients = clients;
        this.storeHost = storeHost;
    }

    /** Pushes the reply sent on {@code replier}; the future never fails, it completes with the outcome. */
    CompletableFuture<PushOutcome> push(RemoteChannel replier, SendRequestHeader h, byte[] body) {
        String requester = MessageProperties.valueOf(h.properties, REPLY_TO_CLIENT);
        if (requester == null) {
            return CompletableFuture.completedFuture(new PushOutcome(PushOutcome.Status.NO_REQUESTER,
                    "reply message properties[" + REPLY_TO_CLIENT + "] is null"));
        }
        Optional<ClientConnection> connection = clients.producerConnection(requester);
        String named = "<" + ClientText.of(requester) + ">";
        if (connection.isEmpty()) {
            LOG.warn("reply from {} not pushed: requester {} is not connected", replier.remoteAddress(), named);
            return CompletableFuture.completedFuture(new PushOutcome(PushOutcome.Status.REQUESTER_GONE,
                    "push reply message fail, channel of " + named + " not found."));
        }
        return connection.get().channel().invoke(request(replier, h, body), PUSH_TIMEOUT_MILLIS)
                .handle((answer, error) -> outcome(named, answer, error));
    }

    private RemotingCommand request(RemoteChannel replier, SendRequestHeader h, byte[] body) {
        long now = System.currentTimeMillis();
        String props = MessageProperties.appendWith(new StringBuilder(h.properties.length() + 32), h.properties,
                PUSH_REPLY_TIME, Long.toString(now)).toString();
        return RemotingCommand.request(RequestCode.PUSH_REPLY_MESSAGE_TO_CLIENT)
                .putExt("producerGroup", h.producerGroup)
                .putExt("topic", h.topic)
                .putExt("defaultTopic", h.defaultTopic)
                .putExt("defaultTopicQueueNums", h.defaultTopicQueueNums)
                .putExt("queueId", h.queueId)
                .putExt("sysFlag", h.sysFlag)
                .putExt("bornTimestamp", h.bornTimestamp)
                .putExt("flag", h.flag)
                .putExt("properties", props)
                .putExt("reconsumeTimes", h.reconsumeTimes)
                .putExt("unitMode", h.unitMode)
                .putExt("bornHost", hostAndPort(replier.remoteSocketAddress()))
                .putExt("storeHost", storeHost)
                .putExt("storeTimestamp", now)
                .body(body);
    }

    private static PushOutcome outcome(String requester, RemotingCommand answer, Throwable error) {
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            LOG.warn("pushing a reply to {} failed: {}", requester, cause.toString());
            return new PushOutcome(PushOutcome.Status.FAILED, "push reply message to " + requester + " fail: "
                    + cause.getMessage());
        }
        if (answer.code() != ResponseCode.SUCCESS) {
            LOG.warn("requester {} refused a reply: {} {}", requester, answer.code(), answer.remark());
            return new PushOutcome(PushOutcome.Status.REFUSED, "push reply message to " + requester
                    + " fail: the requester answered code " + answer.code() + " (" + ClientText.of(answer.remark())
                    + ")");
        }
        return PushOutcome.PUSHED;
    }

    private static String hostAndPort(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}
