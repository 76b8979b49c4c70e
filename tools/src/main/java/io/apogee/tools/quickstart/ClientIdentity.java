package io.apogee.tools.quickstart;

import io.apogee.remoting.body.ConsumerData;
import io.apogee.remoting.body.HeartbeatData;
import io.apogee.remoting.body.ProducerData;
import io.apogee.remoting.body.SubscriptionData;

/**
 * The HEART_BEAT (34) bodies of the quick-start clients (docs/protocol/05-consumer.md §2), with a client id in the
 * clients' {@code ip@pid#nanos} form: a producer group, or a push-style clustering consumer group that subscribes
 * to every tag of one topic from its first offset.
 *
 * <p>Stateless, hence thread-safe.
 */
final class ClientIdentity {

    private ClientIdentity() {
    }

    static String clientId() {
        return "127.0.0.1@" + ProcessHandle.current().pid() + "#" + System.nanoTime();
    }

    static HeartbeatData producer(String clientId, String group) {
        HeartbeatData heartbeat = new HeartbeatData();
        heartbeat.clientID = clientId;
        heartbeat.producerDataSet.add(new ProducerData(group));
        return heartbeat;
    }

    static HeartbeatData consumer(String clientId, String group, String topic) {
        ConsumerData consumer = new ConsumerData();
        consumer.groupName = group;
        consumer.consumeType = "CONSUME_PASSIVELY";
        consumer.messageModel = ConsumerData.CLUSTERING;
        consumer.consumeFromWhere = "CONSUME_FROM_FIRST_OFFSET";
        consumer.subscriptionDataSet.add(new SubscriptionData(topic, "*", System.currentTimeMillis()));
        HeartbeatData heartbeat = new HeartbeatData();
        heartbeat.clientID = clientId;
        heartbeat.consumerDataSet.add(consumer);
        return heartbeat;
    }
}
