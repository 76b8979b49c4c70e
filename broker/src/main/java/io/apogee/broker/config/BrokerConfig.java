package io.apogee.broker.config;

import io.apogee.common.config.ConfigKey;
import io.apogee.remoting.body.MessageRequestMode;

/**
 * Broker settings (the broker half of {@code broker.conf}; the store half is {@code MessageStoreConfig}).
 * Keys are spelled as in RocketMQ so existing config files load. Bound by {@code ConfigBinder}; every field
 * is a key, its initial value the default, its annotation the one statement of its range and meaning
 * ({@code docs/CONFIG.md} is generated from them).
 *
 * <p>Not thread-safe: filled on one thread before the broker starts, then only read.
 */
public final class BrokerConfig {

    @ConfigKey(doc = "Name of the cluster this broker belongs to.")
    public String brokerClusterName = "DefaultCluster";

    @ConfigKey(doc = "Name of the broker group (master and slaves share it).")
    public String brokerName = "broker-a";

    @ConfigKey(doc = "0 for the master, 1 or more for slaves.", min = 0)
    public long brokerId = 0;

    @ConfigKey(doc = "Name server addresses, 'host:port;host:port'. Empty: do not register.")
    public String namesrvAddr = "";

    @ConfigKey(doc = "TCP port for clients; 0 picks a free port.", min = 0, max = 65535)
    public int listenPort = 10911;

    @ConfigKey(doc = "Serve Prometheus metrics at http://<metricsBindAddress>:<metricsPort>/metrics.")
    public boolean metricsEnable = true;

    @ConfigKey(doc = "TCP port of the Prometheus metrics endpoint; -1: listenPort + 3 (10914 by default, so the "
            + "brokers of one machine do not collide), or a free port when listenPort is 0; 0 picks a free port.",
            min = -1, max = 65535)
    public int metricsPort = -1;

    @ConfigKey(doc = "Address the metrics endpoint binds to; 0.0.0.0 listens on every interface (Prometheus "
            + "scrapes from elsewhere), 127.0.0.1 keeps it local.")
    public String metricsBindAddress = "0.0.0.0";

    @ConfigKey(doc = "IP address registered with the name servers, i.e. the one clients dial, and stamped into every "
            + "message's store host; empty: the first private (site-local) IPv4 address of an interface that is up, "
            + "else 127.0.0.1.")
    public String brokerIP1 = "";

    @ConfigKey(doc = "Queue count of topics created automatically.", min = 1, max = 1024)
    public int defaultTopicQueueNums = 8;

    @ConfigKey(doc = "Create unknown topics on first send (through TBW102).")
    public boolean autoCreateTopicEnable = true;

    @ConfigKey(doc = "Create unknown consumer groups on first use.")
    public boolean autoCreateSubscriptionGroup = true;

    @ConfigKey(doc = "Broker permission bits: 4 read, 2 write (6 = both).", min = 0, max = 7)
    public int brokerPermission = 6;

    @ConfigKey(doc = "Milliseconds between registrations with every name server (topic changes are registered at "
            + "once as well).", min = 10_000, max = 60_000)
    public int registerNameServerPeriod = 30_000;

    @ConfigKey(doc = "A pull that finds nothing and carries the suspend flag is parked until a message arrives for "
            + "its queue or the consumer's suspend timeout passes; false: it waits shortPollingTimeMills instead and "
            + "is not woken by arrivals.")
    public boolean longPollingEnable = true;

    @ConfigKey(doc = "With longPollingEnable=false: milliseconds a pull that finds nothing waits before it is "
            + "answered (short polling).", min = 0)
    public long shortPollingTimeMills = 1_000;

    @ConfigKey(doc = "Longest a pull is parked, in milliseconds: a consumer's larger suspendTimeoutMillis is "
            + "clamped to it (Apache clients ask for 15000-20000).", min = 1_000, max = 3_600_000)
    public long pullHoldMaxMillis = 60_000;

    @ConfigKey(doc = "Apache 5.x: an offset reset (mqadmin resetOffsetByTime, the console) is held by the broker "
            + "until the group's clients commit the new offset themselves (at most 70 s): their other commits are "
            + "ignored meanwhile and a pull from another offset is answered PULL_OFFSET_MOVED to the new one, so a "
            + "reset sticks while consumers run. Live clients are told at once either way "
            + "(RESET_CONSUMER_CLIENT_OFFSET). false: the 4.x way, the new offsets are only committed, and commits in "
            + "flight may undo them.")
    public boolean useServerSideResetOffset = true;

    @ConfigKey(doc = "Most pulls one connection may have parked; a further one is answered SYSTEM_BUSY (the client "
            + "retries after its delay). A client JVM parks one pull per queue it consumes from this broker.",
            min = 1)
    public int pullHoldMaxPerConnection = 4_096;

    @ConfigKey(doc = "Most pulls parked on this broker in all; a further one is answered SYSTEM_BUSY.", min = 1)
    public int pullHoldMaxTotal = 20_000;

    @ConfigKey(doc = "Largest pull header (characters of its consumer group, topic, subscription and other pull "
            + "fields) that is parked; a parked pull keeps only those fields, so parked pulls hold at most "
            + "pullHoldMaxTotal x this. A larger one is answered SYSTEM_BUSY.", min = 1_024)
    public int pullHoldMaxHeaderBytes = 8_192;

    @ConfigKey(doc = "Milliseconds between flushes of consumer offsets to consumerOffset.json.", min = 100)
    public int flushConsumerOffsetInterval = 5_000;

    @ConfigKey(doc = "Milliseconds without heartbeat after which a client is forgotten and its connection closed.",
            min = 10_000)
    public long channelExpiredTimeout = 120_000;

    @ConfigKey(doc = "Threads of the broker-send pool, which runs CONSUMER_SEND_MSG_BACK. SEND requests themselves "
            + "run on the I/O threads (serverSelectorThreads), since they never block (the store completes a "
            + "future).", min = 1, max = 256)
    public int sendMessageThreadPoolNums = 4;

    @ConfigKey(doc = "Requests the broker-send pool queues before it answers SYSTEM_BUSY.", min = 1)
    public int sendThreadPoolQueueCapacity = 10_000;

    @ConfigKey(doc = "Threads of the broker-pull pool, which answers pull requests and re-runs parked ones.",
            min = 1, max = 256)
    public int pullMessageThreadPoolNums = 8;

    @ConfigKey(doc = "Pull requests the broker-pull pool queues before it answers SYSTEM_BUSY.", min = 1)
    public int pullThreadPoolQueueCapacity = 100_000;

    @ConfigKey(doc = "Milliseconds to wait for a name server's answer to a registration.", min = 1_000, max = 60_000)
    public int registerBrokerTimeoutMills = 6_000;

    // The client port's remoting server (RocketMQ's NettyServerConfig keys, which RocketMQ also reads from
    // broker.conf).

    @ConfigKey(doc = "Threads of the broker-worker pool, which runs the requests without a pool of their own "
            + "(heartbeats, offsets, topic admin, ...). RocketMQ's key of the same name sizes Netty's handler "
            + "executor instead.", min = 1, max = 256)
    public int serverWorkerThreads = 8;

    @ConfigKey(doc = "Requests the broker-worker pool queues while all its threads are busy; one more is answered "
            + "SYSTEM_BUSY (2) at once, which clients retry.", min = 1)
    public int serverWorkerQueueCapacity = 10_000;

    @ConfigKey(doc = "Netty I/O threads (broker-io), which read and write the client connections, decode frames "
            + "and run SEND requests; 0: as many as the machine has processors, at least 2 and at most 4. "
            + "RocketMQ defaults to 3.", min = 0, max = 64)
    public int serverSelectorThreads = 0;

    @ConfigKey(doc = "Seconds without any traffic after which a client connection is closed; 0 never closes idle "
            + "connections.", min = 0)
    public int serverChannelMaxIdleTimeSeconds = 120;

    @ConfigKey(doc = "Largest remoting frame accepted, in bytes, its 4-byte length field included; a bigger frame "
            + "closes the connection. It must be at least maxMessageSize + 65536 (room for the header and the "
            + "properties of the largest message). RocketMQ has no key for it, only the JVM system property "
            + "com.rocketmq.remoting.frameMaxLength (same default, 16 MiB).", min = 65_536)
    public int serverMaxFrameLength = 16 * 1024 * 1024;

    @ConfigKey(doc = "Seconds a remoting frame may take from its first byte to its last; a client connection "
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

    // RocketMQ broker keys accepted for compatibility but not acted on yet.

    @ConfigKey(doc = "Address the broker's slaves use to reach it for replication.", implemented = false)
    public String brokerIP2 = "";

    @ConfigKey(doc = "RocketMQ installation directory.", implemented = false)
    public String rocketmqHome = "";

    @ConfigKey(doc = "Check access control lists on requests.", implemented = false)
    public boolean aclEnable = false;

    @ConfigKey(doc = "Create a topic named after the cluster at start-up. Apogee always creates it (RocketMQ's "
            + "default); false is not honoured yet.", implemented = false)
    public boolean clusterTopicEnable = true;

    @ConfigKey(doc = "Create a topic named after the broker at start-up. Apogee always creates it (RocketMQ's "
            + "default); false is not honoured yet.", implemented = false)
    public boolean brokerTopicEnable = true;

    @ConfigKey(doc = "PULL answers send a consumer that lags far behind (accessMessageInMemoryMaxRatio) to its "
            + "group's whichBrokerWhenConsumeSlowly (a slave), others to its brokerId. Slaves serve pulls either way "
            + "(a consumer whose master is down reads from its slave).")
    public boolean slaveReadEnable = false;

    @ConfigKey(doc = "With slaveReadEnable: percent of the machine's memory a consumer may lag behind the end of the "
            + "commit log before it is sent to a slave.", min = 0, max = 100)
    public int accessMessageInMemoryMaxRatio = 40;

    @ConfigKey(doc = "Fetch name server addresses from an HTTP address server.", implemented = false)
    public boolean fetchNamesrvAddrByAddressServer = false;

    // Message stamps.

    @ConfigKey(doc = "Region of this broker, stored as property MSG_REGION on every message and returned in SEND "
            + "responses (Apache's regionId); empty: no MSG_REGION property, and then clients with message tracing "
            + "record sends only (their consume traces need the stored MSG_REGION).")
    public String regionId = "DefaultRegion";

    @ConfigKey(doc = "Stored as property TRACE_ON (true/false) on every message and returned in SEND responses; "
            + "clients with message tracing skip tracing a message whose TRACE_ON is false (Apache's traceOn).")
    public boolean traceOn = true;

    @ConfigKey(doc = "Also store every reply of request-reply (SEND_REPLY_MESSAGE) in <brokerClusterName>_REPLY_TOPIC, "
            + "besides pushing it to the requester's connection (Apache's storeReplyMessageEnable).")
    public boolean storeReplyMessageEnable = true;

    @ConfigKey(doc = "Create the message-trace topic msgTraceTopicName (1 queue) at start-up, so clients with "
            + "message tracing on (enableMsgTrace, the Spring starter's enable-msg-trace) store their trace records "
            + "there without further set-up and mqadmin queryMsgTraceById finds them. Apogee defaults to true; "
            + "Apache RocketMQ defaults to false (its clients then rely on autoCreateTopicEnable). A customized "
            + "trace topic of a client is created on its first send like any topic when autoCreateTopicEnable is "
            + "on, or beforehand with mqadmin updateTopic.")
    public boolean traceTopicEnable = true;

    @ConfigKey(doc = "Name of the message-trace topic created with traceTopicEnable.")
    public String msgTraceTopicName = "RMQ_SYS_TRACE_TOPIC";

    // Duplicate sends.

    @ConfigKey(doc = "Answer a producer's retry of a message this broker already stored (same UNIQ_KEY, topic and "
            + "reconsumeTimes within duplicateSendWindowSeconds) with the original's result instead of storing a "
            + "second copy; an application that sends one Message object twice is deduplicated too.")
    public boolean duplicateSendDetectEnable = true;

    @ConfigKey(doc = "Seconds a stored message's UNIQ_KEY is remembered for duplicate detection.", min = 1,
            max = 86_400)
    public int duplicateSendWindowSeconds = 300;

    @ConfigKey(doc = "Most UNIQ_KEYs remembered for duplicate detection (about 80 bytes of heap each, allocated as "
            + "used); when full, the oldest are forgotten first, and a retry of a forgotten message is stored again.",
            min = 64, max = 1L << 28)
    public int duplicateSendWindowCapacity = 1 << 20;

    // Filters.

    @ConfigKey(doc = "Allow SQL92 property filters in subscriptions (MessageSelector.bySql). Apogee defaults "
            + "to true since it costs nothing unless a consumer uses it; Apache RocketMQ defaults to false. When "
            + "false, SQL92 pulls answer SYSTEM_ERROR and CHECK_CLIENT_CONFIG fails, so such consumers cannot start.")
    public boolean enablePropertyFilter = true;

    // Broker-side queue assignment (5.x push consumers with clientRebalance=false; QUERY_ASSIGNMENT).

    @ConfigKey(doc = "How 5.x push consumers with clientRebalance=false read a topic for which no mode was set "
            + "(mqadmin setConsumeMode): PULL (pull the assigned queues) or POP (pop them). Retry topics "
            + "(%RETRY%<group>) are always PULL.")
    public MessageRequestMode defaultMessageRequestMode = MessageRequestMode.PULL;

    @ConfigKey(doc = "popShareQueueNum of topics in POP mode by defaultMessageRequestMode: a client also pops the "
            + "queues of the next N clients of its group; 0 or less (or at least clients - 1): every client pops "
            + "every queue.")
    public int defaultPopShareQueueNum = -1;

    @ConfigKey(doc = "QUERY_ASSIGNMENT divides a topic's queues among the group's clients (by the client's "
            + "strategy, AVG or AVG_BY_CIRCLE); false: every client is given every queue.")
    public boolean serverLoadBalancerEnable = true;

    // Delay levels, retries and dead letters.

    @ConfigKey(doc = "Delay of each delay level 1..n, space separated, each a number with unit ms, s, m, h or d.")
    public String messageDelayLevel = "1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h";

    @ConfigKey(doc = "Milliseconds between writes of delayOffset.json (delay-level delivery progress).", min = 100)
    public long flushDelayOffsetInterval = 10_000;

    @ConfigKey(doc = "Let producers cancel a pending timer message with RECALL_MESSAGE (370; the 5.x client's "
            + "recallMessage(topic, recallHandle)); the send answer of a timer message carries its recall handle. "
            + "Apache's default is false.")
    public boolean recallMessageEnable = true;

    // POP consumption (RocketMQ 5).

    @ConfigKey(doc = "Percent of pops that read the group's POP retry topic (%RETRY%<group>_<topic>) before the "
            + "topic's own queues; the others read it only when the topic's queues did not fill the pop.",
            min = 0, max = 100)
    public int popFromRetryProbability = 20;

    @ConfigKey(doc = "Most pops (and notifications) held waiting for messages at once; more are answered "
            + "POLLING_FULL (209) and the client retries.", min = 1)
    public int maxPopPollingSize = 100_000;

    // Transactional messages.

    @ConfigKey(doc = "Refuse transactional (half) messages with NO_PERMISSION.")
    public boolean rejectTransactionMessage = false;

    @ConfigKey(doc = "Milliseconds a half message waits for its END_TRANSACTION before the broker asks its producer "
            + "(CHECK_TRANSACTION_STATE); a message's CHECK_IMMUNITY_TIME_IN_SECONDS may lengthen it.", min = 0)
    public long transactionTimeOut = 6_000;

    @ConfigKey(doc = "Checks of one half message before it is discarded into TRANS_CHECK_MAX_TIME_TOPIC.", min = 1)
    public int transactionCheckMax = 15;

    @ConfigKey(doc = "Milliseconds between scans for half messages to check.", min = 10)
    public long transactionCheckInterval = 60_000;
}
