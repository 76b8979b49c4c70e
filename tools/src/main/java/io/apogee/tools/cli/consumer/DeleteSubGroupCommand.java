package io.apogee.tools.cli.consumer;

import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.cli.AdminCommand;
import io.apogee.tools.cli.Targets;
import java.io.PrintWriter;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code deleteSubGroup (-b ADDR | -c CLUSTER) -g GROUP [-r true]}: DELETE_SUBSCRIPTIONGROUP (207) on the broker or
 * every master of the cluster; {@code -r true} also removes the group's committed offsets.
 *
 * <p>Not thread-safe; runs once.
 */
@Command(name = "deleteSubGroup", mixinStandardHelpOptions = true, description = "Delete subscription group from "
        + "broker.")
public final class DeleteSubGroupCommand extends AdminCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    BrokerOrCluster target;

    @Option(names = {"-g", "--groupName"}, required = true, description = "Subscription group name.")
    String group;

    @Option(names = {"-r", "--removeOffset"}, arity = "1", defaultValue = "false", description = "Remove offset.")
    boolean removeOffset;

    @Override
    protected void execute(AdminClient admin, PrintWriter out) throws AdminException {
        String name = group.trim();
        for (String addr : Targets.brokerOrCluster(admin, target.brokerAddr, target.cluster)) {
            admin.groups().deleteSubscriptionGroup(addr, name, removeOffset);
            if (target.brokerAddr != null) {
                out.printf("delete subscription group [%s] from broker [%s] success.%n", name, addr);
            } else {
                out.printf("delete subscription group [%s] from broker [%s] in cluster [%s] success.%n", name, addr,
                        target.cluster.trim());
            }
        }
    }
}
