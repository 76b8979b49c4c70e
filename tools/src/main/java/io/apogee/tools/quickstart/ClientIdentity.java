package io.apogee.tools.quickstart;

import io.apogee.remoting.body.HeartbeatData;
import io.apogee.remoting.body.ProducerData;
import io.apogee.tools.cli.consumer.monitor.ClientHeartbeats;

/**
 * The HEART_BEAT (34) bodies of the quick-start clients (docs/protocol/05-consumer.md §2), with a client id in the
 * clients' {@code ip@pid#nanos} form: a producer group, or a push-style clustering consumer group that subscribes
 * to every tag of one topic from its first offset (built by {@link ClientHeartbeats}, which startMonitoring shares).
 *
 * <p>Stateless, hence thread-safe.
 */
final class ClientIdentity {

    private ClientIdentity() {
    }

    static String clientId() {
        return ClientHeartbeats.clientId();
    }

    static HeartbeatData producer(String clientId, String group) {
        HeartbeatData heartbeat = new HeartbeatData();
        heartbeat.clientID = clientId;
        heartbeat.producerDataSet.add(new ProducerData(group));
        return heartbeat;
    }

    static HeartbeatData consumer(String clientId, String group, String topic) {
        return ClientHeartbeats.pushConsumer(clientId, group, topic, ClientHeartbeats.FROM_FIRST_OFFSET);
    }
}
