package io.apogee.distribution;

import io.apogee.broker.BrokerServer;
import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.schedule.DelayLevels;
import io.apogee.common.Lifecycle;
import io.apogee.common.config.ConfigException;
import io.apogee.store.BrokerRole;
import io.apogee.store.MessageStoreConfig;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code apogee broker [-n host:port[;host:port]] [-c broker.conf] [-p [--describe]] [key=value...]}: runs a broker
 * (RocketMQ's {@code mqbroker}). The name server list comes from {@code -n}, else the config file, else the
 * {@code NAMESRV_ADDR} environment variable.
 *
 * <p>Not thread-safe; used once on the main thread.
 */
@Command(name = "broker", mixinStandardHelpOptions = true, description = "Run a broker.")
final class BrokerCommand extends LaunchCommand {

    /** Room a frame needs beside the body of the largest message: its header and properties. */
    static final int FRAME_OVERHEAD = 65_536;

    @Option(names = {"-c", "--configFile"}, paramLabel = "FILE", description = "Broker config file (broker.conf).")
    Path configFile;

    @Option(names = {"-n", "--namesrvAddr"}, paramLabel = "ADDRS",
            description = "Name server addresses 'host:port;host:port'; overrides namesrvAddr.")
    String namesrvAddr;

    private final BrokerConfig brokerConfig = new BrokerConfig();
    private final MessageStoreConfig storeConfig = new MessageStoreConfig();
    private BrokerServer server;

    @Override
    Object[] bindConfigs() {
        ConfigSources.bind(configFile, overrides, brokerConfig, storeConfig);
        if (namesrvAddr != null) {
            ConfigSources.set("namesrvAddr", namesrvAddr, brokerConfig);
        } else if (brokerConfig.namesrvAddr.isBlank() && System.getenv("NAMESRV_ADDR") != null) {
            ConfigSources.set("namesrvAddr", System.getenv("NAMESRV_ADDR"), brokerConfig);
        }
        validate(brokerConfig, storeConfig);
        return new Object[] {brokerConfig, storeConfig};
    }

    /**
     * The checks beyond each key's own range: the store's formats and ranges ({@link MessageStoreConfig#validate}),
     * a {@code brokerId} that fits the {@code brokerRole}, the {@code messageDelayLevel} list, and a frame limit that
     * fits the largest message.
     *
     * @throws ConfigException naming the key and its value
     */
    static void validate(BrokerConfig brokerConfig, MessageStoreConfig storeConfig) {
        storeConfig.validate();
        validateRoleAndId(brokerConfig.brokerId, storeConfig.brokerRole);
        DelayLevels.parse(brokerConfig.messageDelayLevel);
        long needed = (long) storeConfig.maxMessageSize + FRAME_OVERHEAD;
        if (brokerConfig.serverMaxFrameLength < needed) {
            throw ConfigException.invalidValue("serverMaxFrameLength",
                    String.valueOf(brokerConfig.serverMaxFrameLength), "must be at least maxMessageSize + "
                            + FRAME_OVERHEAD + " = " + needed + " bytes, or the largest messages close the connection");
        }
    }

    /**
     * Within a broker name the master is brokerId 0 and each slave has its own id of 1 or more: name servers and
     * clients take id 0 for the master. Apache exits when a slave has id 0 and silently registers any master as id
     * 0; Apogee refuses both, so the id in the file is the id the broker registers with.
     */
    private static void validateRoleAndId(long brokerId, BrokerRole role) {
        if (role == BrokerRole.SLAVE && brokerId < 1) {
            throw ConfigException.invalidValue("brokerId", String.valueOf(brokerId), "brokerRole=SLAVE needs "
                    + "brokerId 1 or more: brokerId 0 is the master's; give each slave of the broker name its own id");
        }
        if (role != BrokerRole.SLAVE && brokerId != 0) {
            throw ConfigException.invalidValue("brokerId", String.valueOf(brokerId), "brokerRole=" + role
                    + " is a master, and masters are brokerId 0 (the id name servers and clients take for the "
                    + "master; Apache would register it as 0 regardless): set brokerId=0, or brokerRole=SLAVE for a "
                    + "slave");
        }
    }

    @Override
    String reference() {
        return ConfigDocument.brokerSection();
    }

    @Override
    Lifecycle createServer() {
        server = new BrokerServer(brokerConfig, storeConfig).configFile(configFile);
        return server;
    }

    @Override
    List<String> bootLines() {
        return List.of(BootMessages.broker(brokerConfig, server.address()));
    }
}
