package io.apogee.it;

import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/** Compares two brokers' commit-log ends through GET_BROKER_RUNTIME_INFO (Apache's admin API), Apogee or Apache. */
final class LogEnds {

    private LogEnds() {
    }

    /** Waits until the slave reports the master's (non-zero) commit-log end. */
    static void awaitEqual(String namesrvAddress, String masterAddress, String slaveAddress, Duration patience)
            throws Exception {
        DefaultMQAdminExt admin = new DefaultMQAdminExt(UniqueName.of("log-ends-admin"));
        admin.setNamesrvAddr(namesrvAddress);
        admin.start();
        try {
            await().atMost(patience).ignoreExceptions().until(() -> {
                String master = admin.fetchBrokerRuntimeStats(masterAddress).getTable().get("commitLogMaxOffset");
                String slave = admin.fetchBrokerRuntimeStats(slaveAddress).getTable().get("commitLogMaxOffset");
                return master.equals(slave) && Long.parseLong(master) > 0;
            });
        } finally {
            admin.shutdown();
        }
    }
}
