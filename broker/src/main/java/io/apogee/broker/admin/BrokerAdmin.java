package io.apogee.broker.admin;

import io.apogee.broker.client.ClientTable;
import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.schedule.DelayLevels;
import io.apogee.broker.topic.TopicTable;
import io.apogee.common.config.ConfigBinder;
import io.apogee.common.config.RuntimeConfig;
import io.apogee.remoting.RemotingServer;
import io.apogee.remoting.RequestCode;
import io.apogee.store.MessageStore;
import io.apogee.store.MessageStoreConfig;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Wires the broker's cluster-admin requests onto its remoting server (default broker-worker pool): runtime config
 * (25, 26), topic deletion and consume-queue housekeeping (215, 306, 316), system topics (305) and consume-queue
 * inspection (321).
 *
 * @param config        the live broker config
 * @param storeConfig   the live store config
 * @param configFile    the file the broker was started with ({@code -c}), rewritten by UPDATE_BROKER_CONFIG; null
 * @param topics        the topic table
 * @param store         the message store
 * @param clients       the consumer groups online (their subscriptions, for QUERY_CONSUME_QUEUE)
 * @param forgetOffsets removes every consumer offset (and statistic) kept for a topic (DELETE_TOPIC_IN_BROKER)
 * @param reregister    registers the whole topic table with the name servers again (after a brokerPermission
 *                      change, so routes show the new permission at once)
 *
 * <p>Immutable; {@link #registerWith} is called once while the broker starts.
 */
public record BrokerAdmin(BrokerConfig config, MessageStoreConfig storeConfig, Path configFile, TopicTable topics,
                          MessageStore store, ClientTable clients, Consumer<String> forgetOffsets,
                          Runnable reregister) {

    /** Registers the processors; returns the runtime view of the configuration they change. */
    public RuntimeConfig registerWith(RemotingServer server) {
        RuntimeConfig runtime = new RuntimeConfig(configFile, BrokerConfigProcessor.FIXED_KEYS, () -> {
            storeConfig.validate();
            ConfigBinder.checkRanges(config);
            DelayLevels.parse(config.messageDelayLevel);
        }, config, storeConfig);
        BrokerConfigProcessor configRequests = new BrokerConfigProcessor(runtime, reregister);
        server.registerProcessor(RequestCode.GET_BROKER_CONFIG, configRequests);
        server.registerProcessor(RequestCode.UPDATE_BROKER_CONFIG, configRequests);
        TopicCleanupProcessor cleanup = new TopicCleanupProcessor(config, topics, store, forgetOffsets);
        server.registerProcessor(RequestCode.DELETE_TOPIC_IN_BROKER, cleanup);
        server.registerProcessor(RequestCode.CLEAN_EXPIRED_CONSUMEQUEUE, cleanup);
        server.registerProcessor(RequestCode.CLEAN_UNUSED_TOPIC, cleanup);
        server.registerProcessor(RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_BROKER,
                new SystemTopicListProcessor(config, topics));
        server.registerProcessor(RequestCode.QUERY_CONSUME_QUEUE, new ConsumeQueueQueryProcessor(store, clients));
        return runtime;
    }
}
