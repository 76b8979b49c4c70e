package io.apogee.broker.reply;

import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * The replier's connection as the send path sees it when it stores a reply: everything goes to the real
 * connection except the answer, which completes {@link #answer()} instead of being written, so that the reply
 * processor can merge it with the push's outcome into the one response the replier gets.
 *
 * <p>Thread-safe: the answer future is; everything else is the real, thread-safe connection.
 */
final class StoredAnswer implements RemoteChannel {

    private final RemoteChannel replier;
    private final CompletableFuture<RemotingCommand> answer = new CompletableFuture<>();

    StoredAnswer(RemoteChannel replier) {
        this.replier = replier;
    }

    /** Completes with the send path's answer to the store request. */
    CompletableFuture<RemotingCommand> answer() {
        return answer;
    }

    @Override
    public void reply(RemotingCommand request, RemotingCommand response) {
        answer.complete(response);
    }

    @Override
    public String remoteAddress() {
        return replier.remoteAddress();
    }

    @Override
    public InetSocketAddress remoteSocketAddress() {
        return replier.remoteSocketAddress();
    }

    @Override
    public InetSocketAddress localSocketAddress() {
        return replier.localSocketAddress();
    }

    @Override
    public boolean isActive() {
        return replier.isActive();
    }

    @Override
    public void invokeOneway(RemotingCommand request) {
        replier.invokeOneway(request);
    }

    @Override
    public CompletableFuture<RemotingCommand> invoke(RemotingCommand request, long timeoutMillis) {
        return replier.invoke(request, timeoutMillis);
    }

    @Override
    public void close() {
        replier.close();
    }
}
