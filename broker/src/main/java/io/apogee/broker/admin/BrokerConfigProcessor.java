package io.apogee.broker.admin;

import io.apogee.common.config.ConfigUpdate;
import io.apogee.common.config.RuntimeConfig;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.DataVersion;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;

/**
 * The broker's configuration at runtime (docs/protocol/06-admin.md, broker config):
 * <ul>
 *   <li>GET_BROKER_CONFIG (26): 0, body = every key of BrokerConfig and MessageStoreConfig as properties text
 *       ({@code key=value} lines, UTF-8), ext {@code version} = the config's DataVersion JSON
 *       {@code {"counter":n,"stateVersion":0,"timestamp":ms}} (n = updates applied since start);</li>
 *   <li>UPDATE_BROKER_CONFIG (25), body = properties text: applied all or nothing by {@link RuntimeConfig} and
 *       saved to the file the broker was started with ({@code -c}); 0 with a remark naming the keys, the file,
 *       and the keys read only at start ({@link #AT_START}), which take effect at the next start. An unknown key
 *       (named with the nearest known one) or an illegal value answers INVALID_PARAMETER (29); a key that cannot
 *       change while running ({@link #FIXED_KEYS}: identity, ports, paths, file sizes, roles) NO_PERMISSION (16),
 *       as Apache's black list; a config file that cannot be rewritten 1. Nothing is changed then.</li>
 * </ul>
 * Keys read per request (e.g. {@code brokerPermission}, {@code autoCreateTopicEnable}) act at once; the store's
 * services read theirs when they are built. A new {@code brokerPermission} is also registered with the name servers
 * at once (each topic's permission masked with it, as Apache), so clients stop writing to a broker set read-only.
 *
 * <p>Thread-safe: stateless apart from the thread-safe {@link RuntimeConfig}; runs on the broker-worker pool,
 * which may write the config file.
 */
public final class BrokerConfigProcessor implements RequestProcessor {

    /** Keys refused at runtime. */
    public static final Set<String> FIXED_KEYS = Set.of("brokerClusterName", "brokerName", "brokerId", "listenPort",
            "brokerIP1", "brokerIP2", "rocketmqHome", "storePathRootDir", "storePathCommitLog",
            "storePathConsumeQueue", "storeCheckpoint", "abortFile", "storePathIndex", "mapedFileSizeCommitLog",
            "mapedFileSizeConsumeQueue", "maxHashSlotNum", "maxIndexNum", "haListenPort", "brokerRole",
            "flushDiskType", "messageIndexEnable");

    /** Keys read once at start: thread pools, queues, the remoting server, periods of the background services. */
    static final Set<String> AT_START = Set.of("serverWorkerThreads", "serverWorkerQueueCapacity",
            "serverSelectorThreads", "serverChannelMaxIdleTimeSeconds", "serverMaxFrameLength",
            "serverFrameReadTimeoutSeconds", "serverInboundBufferBudget", "sendMessageThreadPoolNums",
            "sendThreadPoolQueueCapacity", "pullMessageThreadPoolNums", "pullThreadPoolQueueCapacity",
            "registerNameServerPeriod", "flushConsumerOffsetInterval", "flushDelayOffsetInterval",
            "messageDelayLevel", "transactionCheckInterval", "namesrvAddr", "flushIntervalCommitLog",
            "flushIntervalConsumeQueue", "cleanResourceInterval", "cleanFileForciblyEnable", "deleteFileBatchMax",
            "diskMaxUsedSpaceRatio", "fileReservedTime", "flushCommitLogLeastPages", "syncFlushTimeout",
            "diskSpaceWarningLevelRatio");

    private final RuntimeConfig config;
    private final Runnable reregister;

    /** @param reregister registers with the name servers again; run after {@code brokerPermission} changed */
    public BrokerConfigProcessor(RuntimeConfig config, Runnable reregister) {
        this.config = config;
        this.reregister = reregister;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        return switch (request.code()) {
            case RequestCode.GET_BROKER_CONFIG -> RemotingCommand.success()
                    .putExt("version", JsonCodec.encodeToString(version()))
                    .body(config.text().getBytes(StandardCharsets.UTF_8));
            case RequestCode.UPDATE_BROKER_CONFIG -> update(request.body());
            default -> RemotingCommand.response(ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    "request code " + request.code() + " is not a broker config request");
        };
    }

    private DataVersion version() {
        return new DataVersion(config.versionCounter(), config.versionTimestamp());
    }

    private RemotingCommand update(byte[] body) {
        Properties properties = new Properties();
        if (body != null) {
            try {
                properties.load(new StringReader(new String(body, StandardCharsets.UTF_8)));
            } catch (IOException | IllegalArgumentException e) {
                return RemotingCommand.response(ResponseCode.SYSTEM_ERROR,
                        "string2Properties error: " + e.getMessage());
            }
        }
        ConfigUpdate update = config.update(properties);
        if (update.status() == ConfigUpdate.Status.APPLIED && properties.containsKey("brokerPermission")) {
            reregister.run();
        }
        return switch (update.status()) {
            case APPLIED -> RemotingCommand.response(ResponseCode.SUCCESS,
                    update.message() + update.restartNote(AT_START));
            case INVALID -> RemotingCommand.response(ResponseCode.INVALID_PARAMETER, update.message());
            case FIXED -> RemotingCommand.response(ResponseCode.NO_PERMISSION, update.message());
            case NOT_SAVED -> RemotingCommand.response(ResponseCode.SYSTEM_ERROR, update.message());
        };
    }
}
