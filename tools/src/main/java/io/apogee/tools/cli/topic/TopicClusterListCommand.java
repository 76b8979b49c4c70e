package io.apogee.tools.cli.topic;

import io.apogee.remoting.body.BrokerData;
import io.apogee.remoting.body.ClusterInfo;
import io.apogee.remoting.body.TopicRouteData;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.admin.BrokerLocator;
import io.apogee.tools.cli.JsonOutput;
import io.apogee.tools.cli.ReadCommand;
import java.io.PrintWriter;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code topicClusterList -t T}: the clusters whose brokers serve the topic (route 105 + cluster info 106), one
 * per line.
 *
 * <p>Not thread-safe; runs once.
 */
@Command(name = "topicClusterList", mixinStandardHelpOptions = true, description = "Get cluster info for topic.")
public final class TopicClusterListCommand extends ReadCommand {

    @Option(names = {"-t", "--topic"}, required = true, description = "Topic name.")
    String topic;

    @Override
    protected void execute(AdminClient admin, PrintWriter out) throws AdminException {
        TopicRouteData route = admin.route(topic.trim());
        ClusterInfo info = admin.clusterInfo();
        Set<String> clusters = new TreeSet<>();
        for (BrokerData broker : route.brokerDatas) {
            BrokerLocator.clusterOf(info, broker.brokerName).ifPresent(clusters::add);
        }
        if (json) {
            JsonOutput.print(out, clusters);
            return;
        }
        clusters.forEach(c -> out.printf("%s%n", c));
    }
}
