package io.apogee.remoting;

/**
 * How a {@link RemotingServer} listens.
 *
 * @param name           short name used in thread names and log lines ("namesrv", "broker")
 * @param bindAddress    address to bind, "0.0.0.0" for all
 * @param port           port to listen on; 0 picks a free one (see {@link RemotingServer#port()})
 * @param workerThreads  threads of the default executor that runs processors registered without one
 * @param maxFrameLength largest accepted frame including its length field; a bigger one closes the connection
 * @param idleSeconds    a connection with no traffic for this long is closed
 */
public record ServerSettings(String name, String bindAddress, int port, int workerThreads, int maxFrameLength,
                             int idleSeconds) {

    public static final int DEFAULT_MAX_FRAME_LENGTH = 16 * 1024 * 1024;

    public static ServerSettings of(String name, int port) {
        return new ServerSettings(name, "0.0.0.0", port, 8, DEFAULT_MAX_FRAME_LENGTH, 120);
    }
}
