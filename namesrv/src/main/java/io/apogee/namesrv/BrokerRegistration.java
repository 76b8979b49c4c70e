package io.apogee.namesrv;

import io.apogee.remoting.body.DataVersion;
import io.apogee.remoting.body.TopicConfig;
import java.util.Map;

/**
 * One REGISTER_BROKER request as the route table applies it.
 *
 * @param clusterName            cluster the broker belongs to
 * @param brokerName             broker group name, shared by a master and its slaves
 * @param brokerAddr             client-facing "ip:port"
 * @param haServerAddr           replication "ip:port" (stored, handed to slaves)
 * @param brokerId               0 for the master, 1 and up for slaves
 * @param heartbeatTimeoutMillis silence after which the broker is dropped; 0 means the name server default
 * @param enableActingMaster     the broker group's acting-master flag (5.x), copied into its BrokerData
 * @param topicConfigs           topics in this registration (all of them, or only the changed ones)
 * @param dataVersion            version of the broker's topic table
 */
public record BrokerRegistration(String clusterName, String brokerName, String brokerAddr, String haServerAddr,
                                 long brokerId, long heartbeatTimeoutMillis, boolean enableActingMaster,
                                 Map<String, TopicConfig> topicConfigs, DataVersion dataVersion) {

    /** Broker id of a master. */
    public static final long MASTER_ID = 0;

    public boolean isMaster() {
        return brokerId == MASTER_ID;
    }
}
