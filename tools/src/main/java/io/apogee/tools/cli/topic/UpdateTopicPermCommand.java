package io.apogee.tools.cli.topic;

import io.apogee.remoting.body.QueueData;
import io.apogee.remoting.body.TopicConfig;
import io.apogee.remoting.body.TopicRouteData;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.admin.BrokerLocator;
import io.apogee.tools.cli.AdminCommand;
import io.apogee.tools.cli.CommandFailure;
import io.apogee.tools.cli.Formats;
import io.apogee.tools.cli.Targets;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code updateTopicPerm -t T -p 2|4|6 (-b ADDR | -c CLUSTER)}: reads the topic's queue counts from its route
 * (105), then UPDATE_AND_CREATE_TOPIC (17) with the new permission on the master {@code -b} (which must serve the
 * topic) or on every master of the cluster.
 *
 * <p>Not thread-safe; runs once.
 */
@Command(name = "updateTopicPerm", mixinStandardHelpOptions = true, description = "Update topic perm.")
public final class UpdateTopicPermCommand extends AdminCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    BrokerOrCluster target;

    @Option(names = {"-t", "--topic"}, required = true, description = "Topic name.")
    String topic;

    @Option(names = {"-p", "--perm"}, required = true, description = "Permission: 2 W, 4 R, 6 RW.")
    int perm;

    @Override
    protected void execute(AdminClient admin, PrintWriter out) throws AdminException {
        String name = topic.trim();
        TopicRouteData route = admin.route(name);
        if (route.queueDatas.isEmpty()) {
            throw new CommandFailure("topic [" + name + "] has no queues in its route");
        }
        QueueData first = route.queueDatas.get(0);
        TopicConfig config = new TopicConfig(name, 0, perm);
        config.readQueueNums = first.readQueueNums;
        config.writeQueueNums = first.writeQueueNums;
        config.topicSysFlag = first.topicSysFlag;
        if (target.brokerAddr == null) {
            for (String addr : Targets.clusterMasters(admin, target.cluster.trim())) {
                admin.createOrUpdateTopic(addr, config);
                out.printf("update topic perm from %s to %s in %s success.%n", first.perm, perm, addr);
            }
            return;
        }
        String addr = target.brokerAddr.trim();
        String brokerName = brokerNameOfMaster(route, addr);
        int oldPerm = route.queueDatas.stream().filter(q -> q.brokerName.equals(brokerName))
                .mapToInt(q -> q.perm).findFirst().orElse(0);
        if (oldPerm == perm) {
            out.printf("new perm equals to the old one!%n");
            return;
        }
        admin.createOrUpdateTopic(addr, config);
        out.printf("update topic perm from %s to %s in %s success.%n", oldPerm, perm, addr);
        out.printf("%s.%n", Formats.topicConfig(config));
    }

    private static String brokerNameOfMaster(TopicRouteData route, String addr) {
        for (Map.Entry<String, String> master : BrokerLocator.masters(route).entrySet()) {
            if (master.getValue().equals(addr)) {
                return master.getKey();
            }
        }
        throw new CommandFailure("updateTopicPerm error broker not exit or broker is not master! (" + addr + ")");
    }
}
