package io.apogee.distribution;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.common.config.ConfigBinder;
import io.apogee.common.config.ConfigException;
import io.apogee.store.MessageStoreConfig;
import java.util.Properties;
import java.util.Set;

/**
 * The configuration of one broker of an {@code apogee cluster}: the {@code key=value} settings given for every broker
 * first, then the keys the cluster decides (cluster, name, id, role, ports, store directory), checked as
 * {@code apogee broker} checks a config file. The name server address is filled in when the cluster starts.
 *
 * <p>Not thread-safe: built on one thread before the broker starts.
 *
 * @param member what the layout decided for this broker
 * @param broker its broker settings
 * @param store  its store settings
 */
record BrokerSetup(ClusterMember member, BrokerConfig broker, MessageStoreConfig store) {

    static final String CLUSTER_NAME = "DefaultCluster";

    /** Keys each broker of the cluster gets from the layout; a {@code key=value} setting cannot change them. */
    static final Set<String> LAYOUT_KEYS = Set.of("brokerClusterName", "brokerName", "brokerId", "brokerRole",
            "listenPort", "haListenPort", "haMasterAddress", "namesrvAddr", "storePathRootDir", "storePathCommitLog",
            "storePathConsumeQueue", "storePathIndex", "storeCheckpoint", "abortFile");

    /**
     * Binds {@code shared} (the command line's {@code key=value} settings), then the member's own keys.
     *
     * @throws ConfigException naming the key: a layout key in {@code shared}, or a bad value
     */
    static BrokerSetup of(ClusterMember member, Properties shared) {
        for (String key : shared.stringPropertyNames()) {
            if (LAYOUT_KEYS.contains(key)) {
                throw new ConfigException(key, shared.getProperty(key), "'" + key + "' is set by apogee cluster "
                        + "for each broker (use --groups, --replicas, --sync, --base-port, --dir, or run the brokers "
                        + "with 'apogee broker -c' to choose it)");
            }
        }
        BrokerConfig broker = new BrokerConfig();
        MessageStoreConfig store = new MessageStoreConfig();
        ConfigBinder.bind(shared, broker, store);
        Properties own = new Properties();
        own.setProperty("brokerClusterName", CLUSTER_NAME);
        own.setProperty("brokerName", member.brokerName());
        own.setProperty("brokerId", String.valueOf(member.brokerId()));
        own.setProperty("brokerRole", member.role().name());
        own.setProperty("listenPort", String.valueOf(member.listenPort()));
        own.setProperty("storePathRootDir", member.storeDir().toString());
        ConfigBinder.bind(own, broker, store);
        ConfigBinder.checkRanges(broker, store);
        BrokerCommand.validate(broker, store);
        return new BrokerSetup(member, broker, store);
    }
}
