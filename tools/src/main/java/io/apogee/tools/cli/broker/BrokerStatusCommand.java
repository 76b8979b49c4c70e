package io.apogee.tools.cli.broker;

import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.cli.JsonOutput;
import io.apogee.tools.cli.ReadCommand;
import io.apogee.tools.cli.Targets;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;

/**
 * {@code brokerStatus (-b ADDR | -c CLUSTER)}: GET_BROKER_RUNTIME_INFO (28), one {@code key: value} line per entry
 * (with {@code -c}, every broker of the cluster, each line prefixed by its address).
 *
 * <p>Not thread-safe; runs once.
 */
@Command(name = "brokerStatus", mixinStandardHelpOptions = true, description = "Fetch broker runtime status data.")
public final class BrokerStatusCommand extends ReadCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    BrokerOrCluster target;

    @Override
    protected void execute(AdminClient admin, PrintWriter out) throws AdminException {
        List<String> addrs = target.brokerAddr != null ? List.of(target.brokerAddr.trim())
                : Targets.clusterAddrs(admin, target.cluster.trim());
        Map<String, Map<String, String>> tables = new LinkedHashMap<>();
        for (String addr : addrs) {
            tables.put(addr, new TreeMap<>(admin.runtimeInfo(addr).table));
        }
        if (json) {
            JsonOutput.print(out, target.brokerAddr != null ? tables.values().iterator().next() : tables);
            return;
        }
        tables.forEach((addr, table) -> table.forEach((k, v) -> {
            if (target.brokerAddr != null) {
                out.printf("%-32s: %s%n", k, v);
            } else {
                out.printf("%-24s %-32s: %s%n", addr, k, v);
            }
        }));
    }
}
