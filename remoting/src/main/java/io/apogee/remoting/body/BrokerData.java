package io.apogee.remoting.body;

import java.util.HashMap;
import java.util.Map;

/**
 * A broker group: {@code {"brokerAddrs":{"0":"ip:port"},"brokerName":"b","cluster":"c","enableActingMaster":false}}.
 * brokerAddrs maps broker id (0 = master) to its client-facing address; written with quoted keys, which
 * both client versions parse.
 */
public final class BrokerData {
    public String cluster;
    public String brokerName;
    public Map<Long, String> brokerAddrs = new HashMap<>();
    public boolean enableActingMaster;

    public BrokerData() {
    }

    public BrokerData(String cluster, String brokerName) {
        this.cluster = cluster;
        this.brokerName = brokerName;
    }

    public BrokerData copy() {
        BrokerData c = new BrokerData(cluster, brokerName);
        c.brokerAddrs = new HashMap<>(brokerAddrs);
        c.enableActingMaster = enableActingMaster;
        return c;
    }
}
