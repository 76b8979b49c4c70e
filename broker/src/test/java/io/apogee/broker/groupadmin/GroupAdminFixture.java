package io.apogee.broker.groupadmin;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.consumer.ConsumeSide;
import io.apogee.broker.consumer.ConsumeSideFixture;
import io.apogee.broker.topic.TopicTable;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemotingClient;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.body.HeartbeatData;
import io.apogee.remoting.body.ProducerData;
import io.apogee.remoting.body.SubscriptionData;
import io.apogee.store.MessageStore;
import io.apogee.store.MessageStoreConfig;
import java.nio.file.Path;

/**
 * A broker's consume side with {@link GroupAdmin} registered, on real parts: the {@link ConsumeSideFixture} (a
 * message store in a temp dir, the topic table with TopicA of four queues, a remoting server on an ephemeral port)
 * named {@value #BROKER_NAME}, and clients that heartbeat as consumers or producers. Delay offsets are level n →
 * 10 n over {@value #DELAY_LEVELS} levels.
 */
final class GroupAdminFixture implements AutoCloseable {

    static final String TOPIC = ConsumeSideFixture.TOPIC;
    static final String BROKER_NAME = "broker-t";
    static final int DELAY_LEVELS = 3;

    final BrokerConfig config;
    final MessageStoreConfig storeConfig;
    final MessageStore store;
    final TopicTable topics;
    final ConsumeSide consumeSide;
    private final ConsumeSideFixture side;

    GroupAdminFixture(Path dir) throws Exception {
        BrokerConfig brokerConfig = new BrokerConfig();
        brokerConfig.listenPort = 0;
        brokerConfig.brokerName = BROKER_NAME;
        side = new ConsumeSideFixture(dir, brokerConfig);
        config = side.config;
        storeConfig = side.storeConfig;
        store = side.store;
        topics = side.topics;
        consumeSide = side.consumeSide;
        new GroupAdmin(new GroupAdmin.Parts(consumeSide.clients(), consumeSide.subscriptionGroups(),
                consumeSide.offsets(), topics, store, BROKER_NAME, this::address, level -> 10L * level,
                DELAY_LEVELS, config.useServerSideResetOffset)).registerWith(side.server);
    }

    /** Answers resets the 4.x way (useServerSideResetOffset=false): commit and tell live clients. */
    void useClientSideReset() {
        side.server.registerProcessor(RequestCode.INVOKE_BROKER_TO_RESET_OFFSET, new ResetOffsetProcessor(
                consumeSide.offsets(), consumeSide.clients(), consumeSide.subscriptionGroups(), topics, store,
                BROKER_NAME, false));
    }

    String address() {
        return side.address();
    }

    /** The store host of the copies the broker stores (its address). */
    java.net.InetSocketAddress storeHost() {
        String address = address();
        int colon = address.lastIndexOf(':');
        return new java.net.InetSocketAddress(address.substring(0, colon),
                Integer.parseInt(address.substring(colon + 1)));
    }

    RemotingClient newClient(String name) {
        return side.newClient(name);
    }

    RemotingCommand call(RemotingClient client, RemotingCommand request) throws Exception {
        return side.call(client, request);
    }

    /** A client that heartbeated as consumer {@code clientId} of {@code group} subscribing TopicA. */
    RemotingClient consumer(String clientId, String group) throws Exception {
        RemotingClient client = newClient(clientId);
        call(client, consumerHeartbeat(clientId, group));
        return client;
    }

    static RemotingCommand consumerHeartbeat(String clientId, String group) {
        return ConsumeSideFixture.heartbeat(clientId, group, new SubscriptionData(TOPIC, "TagA || TagB", 7),
                "CONSUME_FROM_FIRST_OFFSET");
    }

    static RemotingCommand producerHeartbeat(String clientId, String group) {
        HeartbeatData data = new HeartbeatData();
        data.clientID = clientId;
        data.producerDataSet.add(new ProducerData(group));
        return RemotingCommand.request(RequestCode.HEART_BEAT).body(JsonCodec.encode(data));
    }

    /** Puts one message into TopicA's queue and returns its commit-log offset once it is dispatched. */
    long put(int queueId, String body) throws Exception {
        return side.putDispatched(queueId, null, body).wroteOffset();
    }

    @Override
    public void close() {
        side.close();
    }
}
