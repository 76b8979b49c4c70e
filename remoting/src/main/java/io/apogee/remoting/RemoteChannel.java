package io.apogee.remoting;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * One connection to a peer, as seen by request processors. Lets a server answer later (long polling,
 * group commit) and send its own requests to the peer (NOTIFY_CONSUMER_IDS_CHANGED, CHECK_TRANSACTION_STATE).
 *
 * <p>Thread-safe: any thread may reply or invoke.
 */
public interface RemoteChannel {

    /** The peer's address as "ip:port". */
    String remoteAddress();

    /** The peer's socket address. */
    InetSocketAddress remoteSocketAddress();

    /** This side's socket address (the address the peer connected to). */
    InetSocketAddress localSocketAddress();

    boolean isActive();

    /**
     * Sends {@code response} as the answer to {@code request}: copies the opaque, sets the response flag and
     * uses the request's serialization. Does nothing for a oneway request or a closed channel (the body
     * region, if any, is released either way).
     */
    void reply(RemotingCommand request, RemotingCommand response);

    /** Sends a oneway request to the peer. */
    void invokeOneway(RemotingCommand request);

    /**
     * Sends a request to the peer; the future completes with its response or fails with a
     * {@link RemotingException}.
     */
    CompletableFuture<RemotingCommand> invoke(RemotingCommand request, long timeoutMillis);

    void close();
}
