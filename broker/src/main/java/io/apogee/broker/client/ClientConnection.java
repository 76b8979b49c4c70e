package io.apogee.broker.client;

import io.apogee.common.text.ClientText;
import io.apogee.remoting.LanguageCode;
import io.apogee.remoting.RemoteChannel;

/**
 * One client connection registered in a producer or consumer group: the client's id (ip@instance),
 * its connection, language and protocol version, and when it last heartbeated.
 *
 * <p>Thread-safe: all fields are final except {@code lastUpdate}, which is volatile.
 */
public final class ClientConnection {

    private final String clientId;
    private final RemoteChannel channel;
    private final LanguageCode language;
    private final int version;
    private volatile long lastUpdateMillis;

    public ClientConnection(String clientId, RemoteChannel channel, LanguageCode language, int version,
                            long lastUpdateMillis) {
        this.clientId = clientId;
        this.channel = channel;
        this.language = language;
        this.version = version;
        this.lastUpdateMillis = lastUpdateMillis;
    }

    public String clientId() {
        return clientId;
    }

    public RemoteChannel channel() {
        return channel;
    }

    /** The connection's key in group tables: the peer's "ip:port". */
    public String address() {
        return channel.remoteAddress();
    }

    public LanguageCode language() {
        return language;
    }

    public int version() {
        return version;
    }

    public long lastUpdateMillis() {
        return lastUpdateMillis;
    }

    void touch(long nowMillis) {
        lastUpdateMillis = nowMillis;
    }

    boolean isExpired(long nowMillis, long timeoutMillis) {
        return nowMillis - lastUpdateMillis > timeoutMillis;
    }

    @Override
    public String toString() {
        return ClientText.of(clientId) + "@" + address();
    }
}
