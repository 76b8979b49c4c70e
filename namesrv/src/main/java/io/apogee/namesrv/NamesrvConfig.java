package io.apogee.namesrv;

import io.apogee.common.config.ConfigKey;

/**
 * Name server settings, keys spelled as RocketMQ's {@code namesrv.conf}. Bound from a properties file by
 * {@code ConfigBinder}; every field is a key, its initial value the default, its annotation the one statement of
 * its range and meaning ({@code docs/CONFIG.md} is generated from them).
 *
 * <p>Not thread-safe: filled on one thread before the name server starts, then only read.
 */
public final class NamesrvConfig {

    @ConfigKey(doc = "TCP port the name server listens on; 0 picks a free port.", min = 0, max = 65535)
    public int listenPort = 9876;

    @ConfigKey(doc = "Serve Prometheus metrics at http://<metricsBindAddress>:<metricsPort>/metrics.")
    public boolean metricsEnable = true;

    @ConfigKey(doc = "TCP port of the Prometheus metrics endpoint; -1: listenPort + 3 (9879 by default), or a free "
            + "port when listenPort is 0; 0 picks a free port.", min = -1, max = 65535)
    public int metricsPort = -1;

    @ConfigKey(doc = "Address the metrics endpoint binds to; 0.0.0.0 listens on every interface.")
    public String metricsBindAddress = "0.0.0.0";

    @ConfigKey(doc = "Address the name server binds to; 0.0.0.0 listens on every interface.")
    public String bindAddress = "0.0.0.0";

    @ConfigKey(doc = "Milliseconds between scans that drop brokers whose registration expired.", min = 100)
    public long scanNotActiveBrokerInterval = 5_000;

    @ConfigKey(doc = "Milliseconds of silence after which a broker is dropped, unless it registered its own timeout.",
            min = 1_000)
    public long brokerChannelExpiredTime = 120_000;

    // The remoting server (RocketMQ's NettyServerConfig keys, which RocketMQ also reads from namesrv.conf).

    @ConfigKey(doc = "Threads of the namesrv-worker pool, which answers every request (registrations, route "
            + "queries). RocketMQ's key of the same name sizes Netty's handler executor instead.", min = 1, max = 256)
    public int serverWorkerThreads = 8;

    @ConfigKey(doc = "Requests the namesrv-worker pool queues while all its threads are busy; one more is answered "
            + "SYSTEM_BUSY (2) at once.", min = 1)
    public int serverWorkerQueueCapacity = 10_000;

    @ConfigKey(doc = "Netty I/O threads (namesrv-io), which read and write the connections and decode frames; 0: as "
            + "many as the machine has processors, at least 2 and at most 4. RocketMQ defaults to 3.", min = 0,
            max = 64)
    public int serverSelectorThreads = 0;

    @ConfigKey(doc = "Seconds without any traffic after which a connection is closed; 0 never closes idle "
            + "connections.", min = 0)
    public int serverChannelMaxIdleTimeSeconds = 120;

    @ConfigKey(doc = "Largest remoting frame accepted, in bytes, its 4-byte length field included; a bigger frame "
            + "(e.g. the registration of a broker with a huge topic table) closes the connection. RocketMQ has no "
            + "key for it, only the JVM system property com.rocketmq.remoting.frameMaxLength (same default, "
            + "16 MiB).", min = 65_536)
    public int serverMaxFrameLength = 16 * 1024 * 1024;

    @ConfigKey(doc = "Seconds a remoting frame may take from its first byte to its last; a connection "
            + "whose frame is not complete by then is closed (a peer trickling bytes is never idle, so "
            + "serverChannelMaxIdleTimeSeconds does not catch it). 0 waits forever. 60 s lets a 16 MiB frame "
            + "through at 280 KB/s (2.3 Mbit/s); a client gives up on its request far sooner (send timeout 3 s). "
            + "Apogee's own key.", min = 0, max = 3_600)
    public int serverFrameReadTimeoutSeconds = 60;

    @ConfigKey(doc = "Bytes that all connections together may hold in partially received frames; above it the "
            + "connection holding the most is closed first (one WARN line naming it). 0: no budget; otherwise at "
            + "least serverMaxFrameLength. 256 MiB holds 16 frames of 16 MiB at once, or thousands of clients "
            + "each in the middle of an ordinary message; keep it well below the direct memory "
            + "(-XX:MaxDirectMemorySize, 1 GiB in bin/apogee), since the buffers holding the bytes may be up to "
            + "twice as large. Apogee's own key.", min = 0)
    public long serverInboundBufferBudget = 256L * 1024 * 1024;

    // RocketMQ name server keys: the KV config file, and keys accepted for compatibility but not acted on yet.

    @ConfigKey(doc = "RocketMQ installation directory.", implemented = false)
    public String rocketmqHome = System.getProperty("user.home") + "/apogee";

    @ConfigKey(doc = "Path of the KV config file (mqadmin updateKvConfig, updateOrderConf), JSON "
            + "{\"configTable\":{namespace:{key:value}}}. RocketMQ's default is ~/namesrv/kvConfig.json.")
    public String kvConfigPath = System.getProperty("user.home") + "/apogee/namesrv/kvConfig.json";

    @ConfigKey(doc = "Serve ordered-topic config from the KV store.", implemented = false)
    public boolean orderMessageEnable = false;
}
