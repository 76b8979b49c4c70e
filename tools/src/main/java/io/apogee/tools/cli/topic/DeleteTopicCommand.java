package io.apogee.tools.cli.topic;

import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.cli.AdminCommand;
import io.apogee.tools.cli.Targets;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code deleteTopic -t T -c CLUSTER}: DELETE_TOPIC_IN_BROKER (215) on every broker of the cluster, then
 * DELETE_TOPIC_IN_NAMESRV (216) on every name server.
 *
 * <p>Not thread-safe; runs once.
 */
@Command(name = "deleteTopic", mixinStandardHelpOptions = true,
        description = "Delete topic from broker and NameServer.")
public final class DeleteTopicCommand extends AdminCommand {

    @Option(names = {"-t", "--topic"}, required = true, description = "Topic name.")
    String topic;

    @Option(names = {"-c", "--clusterName"}, required = true, description = "Delete topic from which cluster.")
    String cluster;

    @Override
    protected void execute(AdminClient admin, PrintWriter out) throws AdminException {
        String name = topic.trim();
        for (String addr : Targets.clusterAddrs(admin, cluster.trim())) {
            admin.deleteTopicInBroker(addr, name);
        }
        out.printf("delete topic [%s] from cluster [%s] success.%n", name, cluster.trim());
        admin.deleteTopicInNamesrv(name, cluster.trim());
        out.printf("delete topic [%s] from NameServer success.%n", name);
    }
}
