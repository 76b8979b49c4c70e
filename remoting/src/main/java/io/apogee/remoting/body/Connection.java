package io.apogee.remoting.body;

/**
 * One client connection in a {@link ConsumerConnection} or {@link ProducerConnection}:
 * {@code {"clientAddr":"127.0.0.1:52710","clientId":"ip@pid#nano","language":"JAVA","version":493}};
 * {@code clientAddr} is the peer's socket address, {@code language} and {@code version} come from the client's
 * heartbeat request header (docs/protocol/08-json-bodies.md §7).
 */
public final class Connection {
    public String clientId;
    public String clientAddr;
    public String language;
    public int version;

    public Connection() {
    }

    public Connection(String clientId, String clientAddr, String language, int version) {
        this.clientId = clientId;
        this.clientAddr = clientAddr;
        this.language = language;
        this.version = version;
    }
}
