package io.apogee.tools.cli.broker;

import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.cli.AdminCommand;
import io.apogee.tools.cli.ConfigEntryOptions;
import io.apogee.tools.cli.Targets;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code updateBrokerConfig (-b ADDR | -c CLUSTER [-a true]) -k KEY -v VALUE}: UPDATE_BROKER_CONFIG (25) with one
 * {@code key=value} to the broker, or to every master of the cluster ({@code -a true}: slaves too).
 *
 * <p>Not thread-safe; runs once.
 */
@Command(name = "updateBrokerConfig", mixinStandardHelpOptions = true,
        description = "Update broker's config.")
public final class UpdateBrokerConfigCommand extends AdminCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    BrokerOrCluster target;

    @Option(names = {"-a", "--updateAllBroker"}, arity = "1", defaultValue = "false",
            description = "Update all brokers, slaves included.")
    boolean allBrokers;

    @Mixin
    ConfigEntryOptions entry;

    @Override
    protected void execute(AdminClient admin, PrintWriter out) throws AdminException {
        List<String> addrs = target.brokerAddr == null && allBrokers
                ? Targets.clusterAddrs(admin, target.cluster.trim())
                : Targets.brokerOrCluster(admin, target.brokerAddr, target.cluster);
        for (String addr : addrs) {
            admin.updateBrokerConfig(addr, entry.asMap());
            out.printf("update broker config success, %s%n", addr);
        }
    }
}
