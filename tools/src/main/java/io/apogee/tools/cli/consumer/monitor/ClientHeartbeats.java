package io.apogee.tools.cli.consumer.monitor;

import io.apogee.remoting.body.ConsumerData;
import io.apogee.remoting.body.HeartbeatData;
import io.apogee.remoting.body.SubscriptionData;

/**
 * HEART_BEAT (34) bodies of the consumers Apogee's tools run themselves (docs/protocol/05-consumer.md §2): a push
 * style ({@code CONSUME_PASSIVELY}) clustering group subscribed to every tag ({@code *}) of one topic, with a client
 * id in the clients' {@code ip@pid#nanos} form. The quick-start consumer and {@code startMonitoring} share it; it sits
 * here, below both, so the tools' packages stay free of cycles.
 *
 * <p>Stateless, hence thread-safe.
 */
public final class ClientHeartbeats {

    /** Where a new group starts reading: its first stored message. */
    public static final String FROM_FIRST_OFFSET = "CONSUME_FROM_FIRST_OFFSET";
    /** Where a new group starts reading: after the last stored message (the push consumer's default). */
    public static final String FROM_LAST_OFFSET = "CONSUME_FROM_LAST_OFFSET";

    private ClientHeartbeats() {
    }

    /** A fresh client id of this process. */
    public static String clientId() {
        return "127.0.0.1@" + ProcessHandle.current().pid() + "#" + System.nanoTime();
    }

    /** The heartbeat of push consumer {@code clientId} of {@code group}, subscribed to {@code topic} with {@code *}. */
    public static HeartbeatData pushConsumer(String clientId, String group, String topic, String consumeFromWhere) {
        ConsumerData consumer = new ConsumerData();
        consumer.groupName = group;
        consumer.consumeType = "CONSUME_PASSIVELY";
        consumer.messageModel = ConsumerData.CLUSTERING;
        consumer.consumeFromWhere = consumeFromWhere;
        consumer.subscriptionDataSet.add(new SubscriptionData(topic, "*", System.currentTimeMillis()));
        HeartbeatData heartbeat = new HeartbeatData();
        heartbeat.clientID = clientId;
        heartbeat.consumerDataSet.add(consumer);
        return heartbeat;
    }
}
