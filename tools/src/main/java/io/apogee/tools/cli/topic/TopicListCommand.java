package io.apogee.tools.cli.topic;

import io.apogee.remoting.body.ClusterInfo;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.admin.BrokerLocator;
import io.apogee.tools.cli.Formats;
import io.apogee.tools.cli.JsonOutput;
import io.apogee.tools.cli.ReadCommand;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code topicList [-c]}: GET_ALL_TOPIC_LIST_FROM_NAMESERVER (206), one topic per line; with {@code -c} also the
 * cluster (route 105 + cluster info 106) and the consumer groups (QUERY_TOPIC_CONSUME_BY_WHO 300) of every topic
 * that is not a retry or dead-letter topic.
 *
 * <p>Not thread-safe; runs once.
 */
@Command(name = "topicList", mixinStandardHelpOptions = true, description = "Fetch all topic list from name server.")
public final class TopicListCommand extends ReadCommand {

    @Option(names = {"-c", "--clusterModel"}, description = "Print cluster and consumer groups too.")
    boolean clusterModel;

    @Override
    protected void execute(AdminClient admin, PrintWriter out) throws AdminException {
        Set<String> topics = new TreeSet<>(admin.topicList().topicList);
        if (!clusterModel) {
            if (json) {
                JsonOutput.print(out, Map.of("topicList", topics));
                return;
            }
            topics.forEach(t -> out.printf("%s%n", t));
            return;
        }
        ClusterInfo info = admin.clusterInfo();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String topic : topics) {
            if (topic.startsWith("%RETRY%") || topic.startsWith("%DLQ%")) {
                continue;
            }
            rows.addAll(rowsOf(admin, info, topic));
        }
        if (json) {
            JsonOutput.print(out, rows);
            return;
        }
        out.printf("%-20s  %-48s  %-48s%n", "#Cluster Name", "#Topic", "#Consumer Group");
        for (Map<String, Object> row : rows) {
            out.printf("%-20s  %-64s  %-64s%n", Formats.cut((String) row.get("cluster"), 20),
                    Formats.cut((String) row.get("topic"), 64), Formats.cut((String) row.get("consumerGroup"), 64));
        }
    }

    private static List<Map<String, Object>> rowsOf(AdminClient admin, ClusterInfo info, String topic) {
        String cluster = "";
        Set<String> groups = new TreeSet<>();
        try {
            Map<String, String> masters = BrokerLocator.masters(admin.route(topic));
            if (!masters.isEmpty()) {
                String first = masters.keySet().iterator().next();
                cluster = BrokerLocator.clusterOf(info, first).orElse("");
                groups.addAll(admin.groups().consumersOfTopic(masters.get(first), topic).groupList);
            }
        } catch (AdminException e) {
            // Apache prints the topic without cluster or groups when these lookups fail
        }
        if (groups.isEmpty()) {
            groups.add("");
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String group : groups) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("cluster", cluster);
            row.put("topic", topic);
            row.put("consumerGroup", group);
            rows.add(row);
        }
        return rows;
    }
}
