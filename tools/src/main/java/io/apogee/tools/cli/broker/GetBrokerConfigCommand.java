package io.apogee.tools.cli.broker;

import io.apogee.remoting.body.ClusterInfo;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.admin.BrokerLocator;
import io.apogee.tools.cli.JsonOutput;
import io.apogee.tools.cli.ReadCommand;
import io.apogee.tools.cli.Targets;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;

/**
 * {@code getBrokerConfig (-b ADDR | -c CLUSTER)}: GET_BROKER_CONFIG (26) of the broker, or of every master of the
 * cluster each followed by its slaves, one {@code key=  value} line per setting under Apache's banners
 * ({@code ============addr============}, {@code ============Master: m============},
 * {@code ============My Master: m=====Slave: s============}).
 *
 * <p>Not thread-safe; runs once.
 */
@Command(name = "getBrokerConfig", mixinStandardHelpOptions = true, description = "Get broker config by cluster or "
        + "special broker.")
public final class GetBrokerConfigCommand extends ReadCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    BrokerOrCluster target;

    @Override
    protected void execute(AdminClient admin, PrintWriter out) throws AdminException {
        Map<String, String> banners = new LinkedHashMap<>();
        if (target.brokerAddr != null) {
            banners.put(target.brokerAddr.trim(), "============" + target.brokerAddr.trim() + "============");
        } else {
            ClusterInfo info = admin.clusterInfo();
            for (String master : Targets.clusterMasters(admin, target.cluster.trim())) {
                banners.put(master, "============Master: " + master + "============");
                BrokerLocator.brokerNameOf(info, master).map(info.brokerAddrTable::get).ifPresent(group ->
                        new TreeMap<>(group.brokerAddrs).forEach((id, addr) -> {
                            if (id != BrokerLocator.MASTER_ID) {
                                banners.put(addr, "============My Master: " + master + "=====Slave: " + addr
                                        + "============");
                            }
                        }));
            }
        }
        Map<String, Map<String, String>> configs = new LinkedHashMap<>();
        for (String addr : banners.keySet()) {
            configs.put(addr, admin.brokerConfig(addr));
        }
        if (json) {
            JsonOutput.print(out, configs);
            return;
        }
        configs.forEach((addr, config) -> {
            out.printf("%s%n", banners.get(addr));
            config.forEach((k, v) -> out.printf("%-50s=  %s%n", k, v));
            out.printf("%n");
        });
    }
}
