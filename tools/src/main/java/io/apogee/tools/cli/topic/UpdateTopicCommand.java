package io.apogee.tools.cli.topic;

import io.apogee.remoting.body.TopicConfig;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.cli.AdminCommand;
import io.apogee.tools.cli.Formats;
import io.apogee.tools.cli.Targets;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code updateTopic -t T (-b ADDR | -c CLUSTER) [-r 8] [-w 8] [-p 6] [-o false] [-a +k=v,...]}:
 * UPDATE_AND_CREATE_TOPIC (17) to the broker or to every master of the cluster. {@code -o true} also writes the
 * order configuration (KV config {@code ORDER_TOPIC_CONFIG}, 100) as Apache does.
 *
 * <p>Not thread-safe; runs once.
 */
@Command(name = "updateTopic", mixinStandardHelpOptions = true, description = "Update or create topic.")
public final class UpdateTopicCommand extends AdminCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    BrokerOrCluster target;

    @Option(names = {"-t", "--topic"}, required = true, description = "Topic name.")
    String topic;

    @Option(names = {"-r", "--readQueueNums"}, defaultValue = "8", description = "Read queue count (default 8).")
    int readQueueNums;

    @Option(names = {"-w", "--writeQueueNums"}, defaultValue = "8", description = "Write queue count (default 8).")
    int writeQueueNums;

    @Option(names = {"-p", "--perm"}, defaultValue = "6", description = "Permission: 2 W, 4 R, 6 RW (default 6).")
    int perm;

    @Option(names = {"-o", "--order"}, arity = "1", defaultValue = "false", description = "Ordered topic.")
    boolean order;

    @Option(names = {"-u", "--unit"}, arity = "1", defaultValue = "false", description = "Unit topic.")
    boolean unit;

    @Option(names = {"-s", "--hasUnitSub"}, arity = "1", defaultValue = "false", description = "Has unit sub.")
    boolean hasUnitSub;

    @Option(names = {"-a", "--attributes"}, description = "Attributes, eg: +message.type=NORMAL,+k=v.")
    String attributes;

    @Override
    protected void execute(AdminClient admin, PrintWriter out) throws AdminException {
        TopicConfig config = new TopicConfig(topic.trim(), 0, perm);
        config.readQueueNums = readQueueNums;
        config.writeQueueNums = writeQueueNums;
        config.order = order;
        config.topicSysFlag = (unit ? 1 : 0) | (hasUnitSub ? 2 : 0);
        config.attributes = attributes(attributes);
        List<String> addrs = Targets.brokerOrCluster(admin, target.brokerAddr, target.cluster);
        for (String addr : addrs) {
            admin.createOrUpdateTopic(addr, config);
            out.printf("create topic to %s success.%n", addr);
        }
        if (order) {
            String orderConf = OrderConf.of(admin, addrs, writeQueueNums);
            admin.putKvConfig(OrderConf.NAMESPACE, config.topicName, orderConf);
            out.printf("set %s orderConf. isOrder=%s, orderConf=[%s]%n",
                    target.brokerAddr != null ? "broker" : "cluster", true, orderConf);
        }
        out.printf("%s%n", Formats.topicConfig(config));
    }

    /** {@code +a=b,+c=d} → {@code {+a=b, +c=d}} (the form the header carries back). */
    static Map<String, String> attributes(String text) {
        Map<String, String> map = new TreeMap<>();
        if (text == null || text.isBlank()) {
            return map;
        }
        for (String pair : text.trim().split(",")) {
            int eq = pair.indexOf('=');
            map.put(eq < 0 ? pair.trim() : pair.substring(0, eq).trim(), eq < 0 ? "" : pair.substring(eq + 1).trim());
        }
        return map;
    }
}
