package io.apogee.tools.cli.broker;

import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.cli.JsonOutput;
import io.apogee.tools.cli.ReadCommand;
import io.apogee.tools.cli.Targets;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;

/**
 * {@code getBrokerConfig (-b ADDR | -c CLUSTER)}: GET_BROKER_CONFIG (26) of the broker or of every master of the
 * cluster, one {@code key=  value} line per setting under a {@code ============addr============} banner.
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
        Map<String, Map<String, String>> configs = new LinkedHashMap<>();
        for (String addr : Targets.brokerOrCluster(admin, target.brokerAddr, target.cluster)) {
            configs.put(addr, admin.brokerConfig(addr));
        }
        if (json) {
            JsonOutput.print(out, configs);
            return;
        }
        configs.forEach((addr, config) -> {
            String banner = target.brokerAddr != null ? "============%s============%n"
                    : "============Master: %s============%n";
            out.printf(banner, addr);
            config.forEach((k, v) -> out.printf("%-50s=  %s%n", k, v));
            out.printf("%n");
        });
    }
}
