package io.apogee.remoting;

/**
 * How a {@link RemotingServer} listens. The values come from the caller (the broker's and the name server's
 * config keys {@code serverWorkerThreads}, {@code serverWorkerQueueCapacity}, {@code serverSelectorThreads},
 * {@code serverMaxFrameLength}, {@code serverChannelMaxIdleTimeSeconds}); remoting holds no defaults of its own
 * apart from {@link #of}, which tests and tools use.
 *
 * <p>Immutable, so safe to share between threads.
 *
 * @param name            short name used in thread names and log lines ("namesrv", "broker")
 * @param bindAddress     address to bind, "0.0.0.0" for all
 * @param port            port to listen on; 0 picks a free one (see {@link RemotingServer#port()})
 * @param workerThreads   threads of the default executor that runs processors registered without one
 * @param workerQueue     requests the default executor queues before the server answers SYSTEM_BUSY
 * @param selectorThreads Netty I/O threads; 0 picks {@link #automaticSelectorThreads()}
 * @param maxFrameLength  largest accepted frame including its length field; a bigger one closes the connection
 * @param idleSeconds     a connection with no traffic for this long is closed; 0 never closes idle connections
 */
public record ServerSettings(String name, String bindAddress, int port, int workerThreads, int workerQueue,
                             int selectorThreads, int maxFrameLength, int idleSeconds) {

    /** Largest frame of {@link #of}: 16 MiB, RocketMQ's default {@code com.rocketmq.remoting.frameMaxLength}. */
    public static final int DEFAULT_MAX_FRAME_LENGTH = 16 * 1024 * 1024;

    public ServerSettings {
        if (workerThreads < 1 || workerQueue < 1 || selectorThreads < 0 || maxFrameLength < 8 || idleSeconds < 0) {
            throw new IllegalArgumentException("illegal server settings " + workerThreads + " workers, queue "
                    + workerQueue + ", " + selectorThreads + " selectors, max frame " + maxFrameLength + ", idle "
                    + idleSeconds + " s");
        }
    }

    /**
     * Settings for tests and tools: all addresses, 8 workers queueing 10000 requests, automatic selectors, 16 MiB
     * frames, 120 s idle.
     */
    public static ServerSettings of(String name, int port) {
        return new ServerSettings(name, "0.0.0.0", port, 8, 10_000, 0, DEFAULT_MAX_FRAME_LENGTH, 120);
    }

    /** The number of Netty I/O threads actually used: {@link #selectorThreads()}, or automatic when it is 0. */
    public int effectiveSelectorThreads() {
        return selectorThreads > 0 ? selectorThreads : automaticSelectorThreads();
    }

    /** As many I/O threads as the machine has processors, at least 2 and at most 4. */
    public static int automaticSelectorThreads() {
        return Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }
}
