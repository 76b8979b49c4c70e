package io.apogee.it;

import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;

import java.lang.reflect.Method;
import java.util.Set;

/**
 * What the dashboard checks act on: one started {@link DefaultMQAdminExt} (the dashboard keeps a pooled, started
 * instance the same way), the scene and the server. The admin API's body classes moved package between tools
 * 4.9.8 and 5.4.0, so the checks name them only through {@code var} and getters; the two calls whose argument
 * type moved or whose signature differs are made here by reflection. Immutable; the admin is thread-safe.
 *
 * @param admin    Apache's admin client making the calls under test, started, with the request-code recorder as
 *                 its RPC hook
 * @param observer a second, unrecorded admin client for the calls that only look at another call's outcome
 * @param scene    the topic, groups and messages of the acceptance scene
 * @param server   the Apogee server under test
 */
record DashboardStage(DefaultMQAdminExt admin, DefaultMQAdminExt observer, AdminScene scene, SharedServer server) {

    static final String CLUSTER = "DefaultCluster";
    static final String BROKER = ApogeeServer.BROKER_NAME;

    /** The broker's "ip:port" as registered. */
    String brokerAddr() {
        return server.broker().address();
    }

    /**
     * {@code createAndUpdateSubscriptionGroupConfig(addr, config)} with a config naming {@code group} and
     * {@code retryMaxTimes}; the config class is whatever {@code examineSubscriptionGroupConfig} returns in this
     * tools version.
     */
    void createSubscriptionGroup(String group, int retryMaxTimes) throws Exception {
        Class<?> type = DefaultMQAdminExt.class.getMethod("examineSubscriptionGroupConfig", String.class, String.class)
                .getReturnType();
        Object config = type.getConstructor().newInstance();
        type.getMethod("setGroupName", String.class).invoke(config, group);
        type.getMethod("setRetryMaxTimes", int.class).invoke(config, retryMaxTimes);
        DefaultMQAdminExt.class.getMethod("createAndUpdateSubscriptionGroupConfig", String.class, type)
                .invoke(admin, brokerAddr(), config);
    }

    /**
     * {@code deleteTopicInNameServer}: the dashboard's {@code (addrs, topic)} where it exists (5.4.0), else 4.9.8's
     * {@code (addrs, topic, clusterName)} with no cluster.
     */
    void deleteTopicInNameServer(Set<String> namesrvs, String topic) throws Exception {
        for (Method m : DefaultMQAdminExt.class.getMethods()) {
            if (m.getName().equals("deleteTopicInNameServer") && m.getParameterCount() == 2) {
                m.invoke(admin, namesrvs, topic);
                return;
            }
        }
        DefaultMQAdminExt.class.getMethod("deleteTopicInNameServer", Set.class, String.class, String.class)
                .invoke(admin, namesrvs, topic, null);
    }
}
