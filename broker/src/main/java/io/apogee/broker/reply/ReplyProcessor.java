package io.apogee.broker.reply;

import io.apogee.broker.client.ClientTable;
import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.send.SendRequestHeader;
import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RemotingServer;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.ResponseCode;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves SEND_REPLY_MESSAGE (324) and SEND_REPLY_MESSAGE_V2 (325), the replier's send of a reply built with
 * {@code MessageUtil.createReplyMessage} (docs/protocol/16-timers-trace-reply-pop.md §3). The request is a SEND
 * request ({@link SendRequestHeader}, long keys for 324, one-letter keys for 325) to {@code <cluster>_REPLY_TOPIC}.
 *
 * <p>The reply is pushed to its requester ({@link ReplyPush}) and, with {@code storeReplyMessageEnable} (the
 * default), stored in its topic by the send path at the same time; the send path's checks (broker and topic
 * writable, topic name, queue id, body size) refuse a reply before anything is pushed, as Apache's {@code msgCheck}
 * does. With storing off the reply is only pushed. The one response, sent once both are done:
 * <ul>
 *   <li>pushed: SUCCESS (0) with ext fields {@code msgId}, {@code queueId}, {@code queueOffset} (the stored
 *       message's; {@code "0"}, the request's queue id and 0 when not stored), {@code MSG_REGION}, {@code TRACE_ON}.
 *       The clients decode these fields as a SEND response's: without {@code msgId}, {@code queueId},
 *       {@code queueOffset} they reject the response. A failure to store is logged only, as in Apache.</li>
 *   <li>not pushed: SYSTEM_ERROR (1) with {@link PushOutcome#remark()} ("push reply message fail, channel of
 *       &lt;clientId&gt; not found." when the requester is gone), the same ext fields. The replier's client retries
 *       a 1 (retryTimesWhenSendFailed), so a reply to a gone requester is sent, and stored, up to 3 times.</li>
 * </ul>
 *
 * <p>Never blocks: runs on the Netty I/O thread that read the request; the response is sent from whichever of
 * the push's and the store's completions comes last. Thread-safe: immutable, over thread-safe collaborators.
 */
public final class ReplyProcessor implements RequestProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(ReplyProcessor.class);
    private static final CompletableFuture<RemotingCommand> NOT_STORED = CompletableFuture.completedFuture(null);

    private final RequestProcessor sendPath;
    private final ReplyPush push;
    private final boolean storeReplies;
    private final String region;
    private final String traceOn;

    /**
     * @param sendPath  the broker's SEND processor, which stores the reply (it accepts 324 and 325)
     * @param clients   the live clients, where the requester's connection is found by its client id
     * @param storeHost this broker's "ip:port"
     */
    public ReplyProcessor(BrokerConfig config, RequestProcessor sendPath, ClientTable clients, String storeHost) {
        this.sendPath = sendPath;
        this.push = new ReplyPush(clients, storeHost);
        this.storeReplies = config.storeReplyMessageEnable;
        this.region = config.regionId;
        this.traceOn = String.valueOf(config.traceOn);
    }

    /** Registers for 324 and 325 on the Netty I/O threads: nothing here waits. */
    public void registerWith(RemotingServer server) {
        server.registerProcessor(RequestCode.SEND_REPLY_MESSAGE, this, Runnable::run);
        server.registerProcessor(RequestCode.SEND_REPLY_MESSAGE_V2, this, Runnable::run);
    }

    /** Creates the processor ({@link #ReplyProcessor its parameters}) and registers it with {@code server}. */
    public static void registerWith(RemotingServer server, BrokerConfig config, RequestProcessor sendPath,
                                    ClientTable clients, String storeHost) {
        new ReplyProcessor(config, sendPath, clients, storeHost).registerWith(server);
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) throws Exception {
        SendRequestHeader h = SendRequestHeader.parse(request);
        CompletableFuture<RemotingCommand> stored = NOT_STORED;
        if (storeReplies) {
            StoredAnswer answer = new StoredAnswer(channel);
            RemotingCommand refused = sendPath.process(answer, request);
            if (refused != null) {
                return refused;
            }
            stored = answer.answer();
        }
        push.push(channel, h, request.body())
                .thenCombine(stored, (pushed, storeAnswer) -> response(h, pushed, storeAnswer))
                .whenComplete((response, error) -> channel.reply(request, error == null ? response
                        : RemotingCommand.response(ResponseCode.SYSTEM_ERROR, "reply failed: " + error)));
        return null;
    }

    private RemotingCommand response(SendRequestHeader h, PushOutcome pushed, RemotingCommand stored) {
        boolean storedOk = stored != null && isStored(stored.code());
        if (stored != null && !storedOk) {
            LOG.warn("reply to {} not stored: {} {}", h.topic, stored.code(), stored.remark());
        }
        RemotingCommand response = pushed.pushed() ? RemotingCommand.response(ResponseCode.SUCCESS, null)
                : RemotingCommand.response(ResponseCode.SYSTEM_ERROR, pushed.remark());
        return response.putExt("msgId", storedOk ? stored.ext("msgId") : "0")
                .putExt("queueId", storedOk ? stored.ext("queueId") : String.valueOf(Math.max(h.queueId, 0)))
                .putExt("queueOffset", storedOk ? stored.ext("queueOffset") : "0")
                .putExt("MSG_REGION", region)
                .putExt("TRACE_ON", traceOn);
    }

    /** The store codes of a stored message (a flush or slave timeout still stored it). */
    private static boolean isStored(int code) {
        return code == ResponseCode.SUCCESS || code == ResponseCode.FLUSH_DISK_TIMEOUT
                || code == ResponseCode.FLUSH_SLAVE_TIMEOUT || code == ResponseCode.SLAVE_NOT_AVAILABLE;
    }
}
