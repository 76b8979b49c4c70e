package io.apogee.remoting;

/**
 * How a {@link RemotingServer} listens. The values come from the caller (the broker's and the name server's
 * config keys {@code serverWorkerThreads}, {@code serverWorkerQueueCapacity}, {@code serverSelectorThreads},
 * {@code serverChannelMaxIdleTimeSeconds}, and for {@link InboundLimits} {@code serverMaxFrameLength},
 * {@code serverFrameReadTimeoutSeconds}, {@code serverInboundBufferBudget}); remoting holds no defaults of its own
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
 * @param idleSeconds     a connection with no traffic for this long is closed; 0 never closes idle connections
 * @param inbound         what the server accepts from its peers before it closes their connection
 */
public record ServerSettings(String name, String bindAddress, int port, int workerThreads, int workerQueue,
                             int selectorThreads, int idleSeconds, InboundLimits inbound) {

    /** Largest frame of {@link #of}: 16 MiB, RocketMQ's default {@code com.rocketmq.remoting.frameMaxLength}. */
    public static final int DEFAULT_MAX_FRAME_LENGTH = 16 * 1024 * 1024;
    /** Frame read timeout of {@link #of}: 60 s, the default of {@code serverFrameReadTimeoutSeconds}. */
    public static final int DEFAULT_FRAME_READ_TIMEOUT_SECONDS = 60;
    /** Inbound buffer budget of {@link #of}: 256 MiB, the default of {@code serverInboundBufferBudget}. */
    public static final long DEFAULT_INBOUND_BUFFER_BUDGET = 256L * 1024 * 1024;

    public ServerSettings {
        if (workerThreads < 1 || workerQueue < 1 || selectorThreads < 0 || idleSeconds < 0 || inbound == null) {
            throw new IllegalArgumentException("illegal server settings " + workerThreads + " workers, queue "
                    + workerQueue + ", " + selectorThreads + " selectors, idle " + idleSeconds + " s, inbound "
                    + inbound);
        }
    }

    /**
     * Settings for tests and tools: all addresses, 8 workers queueing 10000 requests, automatic selectors, 120 s
     * idle, {@link InboundLimits#DEFAULT}.
     */
    public static ServerSettings of(String name, int port) {
        return new ServerSettings(name, "0.0.0.0", port, 8, 10_000, 0, 120, InboundLimits.DEFAULT);
    }

    /** The number of Netty I/O threads actually used: {@link #selectorThreads()}, or automatic when it is 0. */
    public int effectiveSelectorThreads() {
        return selectorThreads > 0 ? selectorThreads : automaticSelectorThreads();
    }

    /** As many I/O threads as the machine has processors, at least 2 and at most 4. */
    public static int automaticSelectorThreads() {
        return Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Limits on what peers send; breaking one closes the peer's connection after one WARN line
     * (docs/protocol/01-framing.md §1).
     *
     * <p>Immutable.
     *
     * @param maxFrameLength          largest accepted frame including its length field; a bigger one is refused
     *                                as soon as its length field arrives
     * @param frameReadTimeoutSeconds a frame whose first byte arrived must be complete within this many seconds
     *                                (a peer trickling bytes is not idle, so the idle timeout does not catch it);
     *                                0 waits forever
     * @param bufferBudget            bytes all connections of the server together may hold in partially received
     *                                frames; above it the connection holding the most is closed first. 0: no
     *                                budget. Otherwise at least {@code maxFrameLength}, so that one frame of the
     *                                largest size always fits
     */
    public record InboundLimits(int maxFrameLength, int frameReadTimeoutSeconds, long bufferBudget) {

        /** 16 MiB frames, 60 s to receive one, 256 MiB of partial frames in all. */
        public static final InboundLimits DEFAULT = new InboundLimits(DEFAULT_MAX_FRAME_LENGTH,
                DEFAULT_FRAME_READ_TIMEOUT_SECONDS, DEFAULT_INBOUND_BUFFER_BUDGET);

        public InboundLimits {
            if (maxFrameLength < FrameCodec.PREAMBLE_LENGTH || frameReadTimeoutSeconds < 0 || bufferBudget < 0
                    || (bufferBudget > 0 && bufferBudget < maxFrameLength)) {
                throw new IllegalArgumentException("illegal inbound limits: max frame " + maxFrameLength
                        + " bytes, frame read timeout " + frameReadTimeoutSeconds + " s, buffer budget "
                        + bufferBudget + " bytes (0 or at least the max frame length)");
            }
        }
    }
}
