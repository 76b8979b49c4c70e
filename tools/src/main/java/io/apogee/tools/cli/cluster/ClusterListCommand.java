package io.apogee.tools.cli.cluster;

import io.apogee.remoting.body.BrokerData;
import io.apogee.remoting.body.ClusterInfo;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.cli.JsonOutput;
import io.apogee.tools.cli.ReadCommand;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code clusterList [-m] [-i SECONDS] [-c CLUSTER]}: GET_BROKER_CLUSTER_INFO (106), then GET_BROKER_RUNTIME_INFO
 * (28) of every broker, one line per broker (Apache's columns; a key the broker does not report prints as Apache
 * prints it, {@code null} or 0). {@code -m} prints yesterday's and today's in/out totals; {@code -i} repeats every
 * N seconds until interrupted.
 *
 * <p>Not thread-safe; runs once.
 */
@Command(name = "clusterList", mixinStandardHelpOptions = true, description = "List cluster infos.")
public final class ClusterListCommand extends ReadCommand {

    @Option(names = {"-m", "--moreStats"}, description = "Print more stats.")
    boolean moreStats;

    @Option(names = {"-i", "--interval"}, description = "Repeat every N seconds.")
    Long interval;

    @Option(names = {"-c", "--clusterName"}, description = "Which cluster.")
    String cluster;

    @Override
    protected void execute(AdminClient admin, PrintWriter out) throws AdminException, InterruptedException {
        while (true) {
            ClusterInfo info = admin.clusterInfo();
            List<BrokerRow> rows = rows(admin, info);
            if (json) {
                JsonOutput.print(out, Map.of("clusterInfo", info, "brokers", rows.stream().map(BrokerRow::asMap)
                        .toList()));
            } else if (moreStats) {
                BrokerRow.printTotals(out, rows);
            } else {
                BrokerRow.printBase(out, rows);
            }
            out.flush();
            if (interval == null) {
                return;
            }
            Thread.sleep(Math.max(1, interval) * 1000);
        }
    }

    private List<BrokerRow> rows(AdminClient admin, ClusterInfo info) {
        Set<String> clusters = cluster == null || cluster.isBlank()
                ? new TreeSet<>(info.clusterAddrTable.keySet()) : Set.of(cluster.trim());
        List<BrokerRow> rows = new ArrayList<>();
        for (String name : clusters) {
            for (String brokerName : new TreeSet<>(info.clusterAddrTable.getOrDefault(name, Set.of()))) {
                BrokerData broker = info.brokerAddrTable.get(brokerName);
                if (broker == null) {
                    continue;
                }
                for (Map.Entry<Long, String> addr : new TreeMap<>(broker.brokerAddrs).entrySet()) {
                    rows.add(BrokerRow.fetch(admin, name, brokerName, addr.getKey(), addr.getValue()));
                }
            }
        }
        return rows;
    }
}
