package io.apogee.tools.cli.consumer.monitor;

import io.apogee.remoting.body.ClusterInfo;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.admin.BrokerLocator;
import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code startMonitoring} process, as Apache's MonitorService schedules it, until the thread is interrupted:
 * every {@value #HEARTBEAT_MILLIS} ms (the first at once) it looks up the masters of every broker group in the cluster
 * table (106; OFFSET_MOVED_EVENT need not have a route) and heartbeats the {@link MonitorConsumer} to them; every
 * {@value #POLL_MILLIS} ms it reads new OFFSET_MOVED_EVENT messages; every round interval it runs a
 * {@link MonitorRound}, the first after {@value #FIRST_ROUND_DELAY_MILLIS} ms (or one interval, when shorter). It
 * sleeps between polls; a failed broker call is one line on stderr and the loop goes on.
 *
 * <p>Not thread-safe; runs on the calling thread.
 */
public final class MonitorLoop {

    /** Apache's MonitorConfig.roundInterval. */
    public static final long APACHE_ROUND_INTERVAL_MILLIS = 60_000;
    /** Apache's MonitorService waits this long before its first round. */
    static final long FIRST_ROUND_DELAY_MILLIS = 20_000;
    static final long HEARTBEAT_MILLIS = 20_000;
    static final long POLL_MILLIS = 1_000;

    private final AdminClient admin;
    private final MonitorOutput output;
    private final long roundIntervalMillis;
    private final MonitorConsumer consumer;
    private final MonitorRound round;
    private Map<String, String> masters = Map.of();

    public MonitorLoop(AdminClient admin, PrintWriter out, PrintWriter err, long roundIntervalMillis) {
        this.admin = admin;
        this.output = new MonitorOutput(out, err);
        this.roundIntervalMillis = Math.max(1, roundIntervalMillis);
        this.consumer = new MonitorConsumer(admin, output);
        this.round = new MonitorRound(admin, output);
    }

    /** Runs until the thread is interrupted, which ends it with an {@link InterruptedException}. */
    public void run() throws InterruptedException {
        long firstRoundDelay = Math.min(FIRST_ROUND_DELAY_MILLIS, roundIntervalMillis);
        output.line("startMonitoring started, rounds every " + roundIntervalMillis + " ms (the first after "
                + firstRoundDelay + " ms); consumer group " + MonitorConsumer.GROUP + " reads "
                + MonitorConsumer.TOPIC);
        long nextHeartbeat = System.currentTimeMillis();
        long nextRound = nextHeartbeat + firstRoundDelay;
        while (!Thread.interrupted()) {
            long now = System.currentTimeMillis();
            if (now >= nextHeartbeat) {
                refreshMasters();
                consumer.heartbeat(masters);
                nextHeartbeat = now + (masters.isEmpty() ? POLL_MILLIS : HEARTBEAT_MILLIS);
            }
            consumer.readEvents(masters);
            if (now >= nextRound) {
                round.run(masters);
                nextRound = now + roundIntervalMillis;
            }
            long untilRound = nextRound - System.currentTimeMillis();
            Thread.sleep(Math.max(1, Math.min(POLL_MILLIS, untilRound)));
        }
        throw new InterruptedException("startMonitoring interrupted");
    }

    /** The master of every broker group of the cluster table, by broker name; the last known ones on failure. */
    private void refreshMasters() {
        try {
            ClusterInfo info = admin.clusterInfo();
            Map<String, String> found = new TreeMap<>();
            for (String brokerName : info.brokerAddrTable.keySet()) {
                BrokerLocator.masterOf(info, brokerName).ifPresent(addr -> found.put(brokerName, addr));
            }
            masters = found;
        } catch (AdminException e) {
            output.error("cluster info: " + e.getMessage());
        }
    }
}
