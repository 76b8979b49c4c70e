package io.apogee.broker.groupadmin;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.client.ClientTable;
import io.apogee.broker.consumer.ConsumeSide;
import io.apogee.broker.offset.ConsumerOffsetTable;
import io.apogee.broker.subscription.SubscriptionGroupTable;
import io.apogee.broker.topic.TopicTable;
import io.apogee.remoting.RemotingServer;
import io.apogee.remoting.RequestCode;
import io.apogee.store.MessageStore;
import java.util.function.IntToLongFunction;
import java.util.function.Supplier;

/**
 * The broker's consumer- and producer-side admin codes, wired onto the broker's server: connections and who
 * consumes what ({@link ConnectionListProcessor}), subscription groups ({@link SubscriptionGroupProcessor}),
 * whole offset tables and offset cloning ({@link OffsetTableProcessor}), offset resets
 * ({@link ResetOffsetProcessor}), requests relayed to one consumer client ({@link ClientRelayProcessor}) and consumer
 * status gathered from the group's clients ({@link ConsumerStatusProcessor}), and the Apogee-only skip of an
 * orderly group's poison message ({@link SkipPoisonProcessor}).
 * Every processor runs on the server's default worker pool and never waits: file writes and client answers
 * complete futures that send the reply.
 *
 * <p>Thread-safe: immutable once built.
 */
public final class GroupAdmin {

    /**
     * Where the parts come from.
     *
     * @param clients       live clients by group
     * @param groups        subscription groups
     * @param offsets       committed consumer offsets
     * @param topics        the broker's topics
     * @param store         the message store
     * @param brokerName    this broker's name (for message queues)
     * @param brokerAddress this broker's registered "ip:port"
     * @param delayOffsetOf next offset to deliver of a delay level (1-based)
     * @param delayLevels   number of delay levels
     * @param serverSideReset {@code useServerSideResetOffset}: offset resets wait for the group's next pull
     */
    public record Parts(ClientTable clients, SubscriptionGroupTable groups, ConsumerOffsetTable offsets,
                        TopicTable topics, MessageStore store, String brokerName, Supplier<String> brokerAddress,
                        IntToLongFunction delayOffsetOf, int delayLevels, boolean serverSideReset) {
    }

    private final Parts parts;

    public GroupAdmin(Parts parts) {
        this.parts = parts;
    }

    /**
     * Registers every processor with the broker's server, taking the tables from its consume side.
     *
     * @param brokerAddress this broker's registered "ip:port"
     * @param delayOffsetOf next offset to deliver of a delay level (1-based)
     */
    public static void register(RemotingServer server, ConsumeSide consumeSide, TopicTable topics, MessageStore store,
                                BrokerConfig config, Supplier<String> brokerAddress, IntToLongFunction delayOffsetOf,
                                int delayLevels) {
        new GroupAdmin(new Parts(consumeSide.clients(), consumeSide.subscriptionGroups(), consumeSide.offsets(), topics,
                store, config.brokerName, brokerAddress, delayOffsetOf, delayLevels, config.useServerSideResetOffset))
                .registerWith(server);
    }

    /** Registers every processor with the broker's server. */
    public void registerWith(RemotingServer server) {
        ConnectionListProcessor connections = new ConnectionListProcessor(parts.clients(), parts.offsets(),
                parts.topics(), parts.brokerAddress());
        server.registerProcessor(RequestCode.GET_CONSUMER_CONNECTION_LIST, connections);
        server.registerProcessor(RequestCode.GET_PRODUCER_CONNECTION_LIST, connections);
        server.registerProcessor(RequestCode.QUERY_TOPIC_CONSUME_BY_WHO, connections);
        server.registerProcessor(RequestCode.QUERY_TOPICS_BY_CONSUMER, connections);
        SubscriptionGroupProcessor groups = new SubscriptionGroupProcessor(parts.groups(), parts.offsets());
        server.registerProcessor(RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP, groups);
        server.registerProcessor(RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG, groups);
        server.registerProcessor(RequestCode.DELETE_SUBSCRIPTIONGROUP, groups);
        OffsetTableProcessor tables = new OffsetTableProcessor(parts.offsets(), parts.clients(), parts.topics(),
                parts.delayOffsetOf(), parts.delayLevels());
        server.registerProcessor(RequestCode.GET_ALL_CONSUMER_OFFSET, tables);
        server.registerProcessor(RequestCode.GET_ALL_DELAY_OFFSET, tables);
        server.registerProcessor(RequestCode.CLONE_GROUP_OFFSET, tables);
        server.registerProcessor(RequestCode.QUERY_CORRECTION_OFFSET, tables);
        server.registerProcessor(RequestCode.INVOKE_BROKER_TO_RESET_OFFSET, new ResetOffsetProcessor(parts.offsets(),
                parts.clients(), parts.groups(), parts.topics(), parts.store(), parts.brokerName(),
                parts.serverSideReset()));
        server.registerProcessor(RequestCode.SKIP_POISON_MESSAGE, new SkipPoisonProcessor(parts.offsets(),
                parts.topics(), parts.store(), new ResetDelivery(parts.offsets(), parts.clients()),
                parts.brokerName(), parts.brokerAddress()));
        server.registerProcessor(RequestCode.INVOKE_BROKER_TO_GET_CONSUMER_STATUS,
                new ConsumerStatusProcessor(parts.clients()));
        ClientRelayProcessor relay = new ClientRelayProcessor(parts.clients(), parts.topics(), parts.groups(),
                parts.store(), parts.brokerName());
        server.registerProcessor(RequestCode.GET_CONSUMER_RUNNING_INFO, relay);
        server.registerProcessor(RequestCode.CONSUME_MESSAGE_DIRECTLY, relay);
    }
}
