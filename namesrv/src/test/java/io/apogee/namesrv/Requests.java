package io.apogee.namesrv;

import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.body.DataVersion;
import io.apogee.remoting.body.RegisterBrokerBody;
import io.apogee.remoting.body.TopicConfig;

/** Builds the requests a broker and a client send to a name server, as the Apache ones do. */
final class Requests {

    static final String CLUSTER = "DefaultCluster";

    private Requests() {
    }

    static RemotingCommand register(String brokerName, String brokerAddr, long brokerId, long counter,
                                    TopicConfig... topics) {
        RegisterBrokerBody body = new RegisterBrokerBody();
        body.topicConfigSerializeWrapper.dataVersion = new DataVersion(counter, 1_700_000_000_000L);
        for (TopicConfig topic : topics) {
            body.topicConfigSerializeWrapper.topicConfigTable.put(topic.topicName, topic);
        }
        byte[] json = JsonCodec.encode(body);
        return RemotingCommand.request(RequestCode.REGISTER_BROKER)
                .putExt("brokerName", brokerName)
                .putExt("brokerAddr", brokerAddr)
                .putExt("clusterName", CLUSTER)
                .putExt("haServerAddr", "127.0.0.1:10912")
                .putExt("brokerId", brokerId)
                .putExt("compressed", false)
                .putExt("enableActingMaster", false)
                .putExt("bodyCrc32", RegisterBrokerProcessor.crc32(json))
                .body(json);
    }

    static RemotingCommand unregister(String brokerName, String brokerAddr, long brokerId) {
        return RemotingCommand.request(RequestCode.UNREGISTER_BROKER)
                .putExt("brokerName", brokerName)
                .putExt("brokerAddr", brokerAddr)
                .putExt("clusterName", CLUSTER)
                .putExt("brokerId", brokerId);
    }

    static RemotingCommand route(String topic) {
        return RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC).putExt("topic", topic);
    }
}
