package io.apogee.namesrv;

import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/** A connection stand-in for route-table tests: only its identity and address matter there. */
final class FakeChannel implements RemoteChannel {

    private final String remoteAddress;
    volatile boolean closed;

    FakeChannel(String remoteAddress) {
        this.remoteAddress = remoteAddress;
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public InetSocketAddress remoteSocketAddress() {
        int colon = remoteAddress.lastIndexOf(':');
        String host = remoteAddress.substring(0, colon);
        int port = Integer.parseInt(remoteAddress.substring(colon + 1));
        return new InetSocketAddress(host, port);
    }

    @Override
    public InetSocketAddress localSocketAddress() {
        return new InetSocketAddress("127.0.0.1", 9876);
    }

    @Override
    public boolean isActive() {
        return !closed;
    }

    @Override
    public void reply(RemotingCommand request, RemotingCommand response) {
    }

    @Override
    public void invokeOneway(RemotingCommand request) {
    }

    @Override
    public CompletableFuture<RemotingCommand> invoke(RemotingCommand request, long timeoutMillis) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("fake channel"));
    }

    @Override
    public void close() {
        closed = true;
    }
}
