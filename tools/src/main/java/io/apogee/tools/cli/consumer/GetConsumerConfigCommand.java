package io.apogee.tools.cli.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.body.BrokerData;
import io.apogee.remoting.body.ClusterInfo;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.admin.BrokerLocator;
import io.apogee.tools.cli.CommandFailure;
import io.apogee.tools.cli.JsonOutput;
import io.apogee.tools.cli.ReadCommand;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code getConsumerConfig -g GROUP}: the group's subscription-group config on every broker group of the cluster
 * (GET_ALL_SUBSCRIPTIONGROUP_CONFIG 201 on its master, or on any member when it has none), printed as Apache does: a
 * {@code =====cluster:brokerName=====} banner, then one {@code field=  value} line per setting. Brokers that do
 * not know the group are left out; a group no broker knows fails (Apache prints nothing and exits 0).
 *
 * <p>Not thread-safe; runs once.
 */
@Command(name = "getConsumerConfig", mixinStandardHelpOptions = true, description = "Get consumer config by "
        + "subscription group name.")
public final class GetConsumerConfigCommand extends ReadCommand {

    @Option(names = {"-g", "--groupName"}, required = true, description = "Subscription group name.")
    String group;

    @Override
    protected void execute(AdminClient admin, PrintWriter out) throws AdminException {
        String name = group.trim();
        ClusterInfo info = admin.clusterInfo();
        Map<String, JsonNode> configs = new LinkedHashMap<>();
        for (BrokerData broker : new TreeMap<>(info.brokerAddrTable).values()) {
            String addr = BrokerLocator.masterOf(info, broker.brokerName)
                    .orElse(broker.brokerAddrs.values().stream().findFirst().orElse(null));
            if (addr == null) {
                continue;
            }
            Object config = admin.groups().allSubscriptionGroups(addr).subscriptionGroupTable.get(name);
            if (config != null) {
                configs.put(broker.cluster + ":" + broker.brokerName, JsonCodec.mapper().valueToTree(config));
            }
        }
        if (configs.isEmpty()) {
            throw new CommandFailure("subscription group [" + name + "] not found on any broker");
        }
        if (json) {
            JsonOutput.print(out, configs);
            return;
        }
        configs.forEach((broker, config) -> {
            out.printf("=============================%s=============================%n", broker);
            config.properties().forEach(field -> out.printf("%-40s=  %s%n", field.getKey(), text(field.getValue())));
        });
    }

    private static String text(JsonNode value) {
        return value.isNull() ? "" : value.isValueNode() ? value.asText() : value.toString();
    }
}
