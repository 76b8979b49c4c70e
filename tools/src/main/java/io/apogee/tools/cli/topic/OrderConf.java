package io.apogee.tools.cli.topic;

import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.admin.BrokerLocator;
import io.apogee.remoting.body.ClusterInfo;
import java.util.List;
import java.util.StringJoiner;
import java.util.TreeSet;

/**
 * The order configuration of a topic, kept in the name server's KV config under namespace
 * {@value #NAMESPACE}: {@code brokerName:queueCount;brokerName:queueCount}.
 *
 * <p>Stateless, hence thread-safe.
 */
final class OrderConf {

    static final String NAMESPACE = "ORDER_TOPIC_CONFIG";

    private OrderConf() {
    }

    static String of(AdminClient admin, List<String> addrs, int queues) throws AdminException {
        ClusterInfo info = admin.clusterInfo();
        TreeSet<String> names = new TreeSet<>();
        for (String addr : addrs) {
            BrokerLocator.brokerNameOf(info, addr).ifPresent(names::add);
        }
        StringJoiner conf = new StringJoiner(";");
        names.forEach(name -> conf.add(name + ":" + queues));
        return conf.toString();
    }
}
