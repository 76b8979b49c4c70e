package io.apogee.tools.cli.topic;

import io.apogee.remoting.body.BrokerData;
import io.apogee.remoting.body.QueueData;
import io.apogee.remoting.body.TopicRouteData;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.cli.JsonOutput;
import io.apogee.tools.cli.ReadCommand;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code topicRoute -t T [-l]}: GET_ROUTEINFO_BY_TOPIC (105), printed as indented JSON (Apache's
 * {@code toJson(true)}) or, with {@code -l}, as one line per broker group and a total.
 *
 * <p>Not thread-safe; runs once.
 */
@Command(name = "topicRoute", mixinStandardHelpOptions = true, description = "Examine topic route info.")
public final class TopicRouteCommand extends ReadCommand {

    private static final String FORMAT = "%-45s %-32s %-50s %-10s %-11s %-5s%n";

    @Option(names = {"-t", "--topic"}, required = true, description = "Topic name.")
    String topic;

    @Option(names = {"-l", "--list"}, description = "Use list format to print data.")
    boolean list;

    @Override
    protected void execute(AdminClient admin, PrintWriter out) throws AdminException {
        TopicRouteData route = admin.route(topic.trim());
        if (json || !list) {
            JsonOutput.print(out, route);
            return;
        }
        Map<String, QueueData> queues = new HashMap<>();
        route.queueDatas.forEach(q -> queues.put(q.brokerName, q));
        List<BrokerData> brokers = route.brokerDatas.stream()
                .sorted(Comparator.comparing((BrokerData b) -> b.brokerName)).toList();
        out.printf(FORMAT, "#ClusterName", "#BrokerName", "#BrokerAddrs", "#ReadQueue", "#WriteQueue", "#Perm");
        int totalRead = 0;
        int totalWrite = 0;
        for (BrokerData broker : brokers) {
            QueueData q = queues.get(broker.brokerName);
            if (q == null) {
                continue;
            }
            totalRead += q.readQueueNums;
            totalWrite += q.writeQueueNums;
            out.printf(FORMAT, broker.cluster, broker.brokerName, new TreeMap<>(broker.brokerAddrs),
                    q.readQueueNums, q.writeQueueNums, q.perm);
        }
        out.printf("%s%n", "-".repeat(158));
        out.printf(FORMAT, "Total:", queues.size(), "", totalRead, totalWrite, "");
    }
}
