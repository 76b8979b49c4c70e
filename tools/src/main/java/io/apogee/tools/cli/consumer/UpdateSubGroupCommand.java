package io.apogee.tools.cli.consumer;

import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.cli.AdminCommand;
import io.apogee.tools.cli.Targets;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code updateSubGroup (-b ADDR | -c CLUSTER) -g GROUP [-s -m -d -o -q -r -i -w -a]}:
 * UPDATE_AND_CREATE_SUBSCRIPTIONGROUP (200) with the SubscriptionGroupConfig JSON (Apache's defaults for what is
 * not given), then the config in Apache's {@code SubscriptionGroupConfig [...]} text.
 *
 * <p>Not thread-safe; runs once.
 */
@Command(name = "updateSubGroup", mixinStandardHelpOptions = true, description = "Update or create subscription "
        + "group.")
public final class UpdateSubGroupCommand extends AdminCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    BrokerOrCluster target;

    @Option(names = {"-g", "--groupName"}, required = true, description = "Consumer group name.")
    String group;

    @Option(names = {"-s", "--consumeEnable"}, arity = "1", defaultValue = "true", description = "Consume enable.")
    boolean consumeEnable;

    @Option(names = {"-m", "--consumeFromMinEnable"}, arity = "1", defaultValue = "false",
            description = "From min offset.")
    boolean consumeFromMinEnable;

    @Option(names = {"-d", "--consumeBroadcastEnable"}, arity = "1", defaultValue = "false",
            description = "Broadcast.")
    boolean consumeBroadcastEnable;

    @Option(names = {"-o", "--consumeMessageOrderly"}, arity = "1", defaultValue = "false",
            description = "Consume message orderly.")
    boolean consumeMessageOrderly;

    @Option(names = {"-q", "--retryQueueNums"}, defaultValue = "1", description = "Retry queue nums.")
    int retryQueueNums;

    @Option(names = {"-r", "--retryMaxTimes"}, defaultValue = "16", description = "Retry max times.")
    int retryMaxTimes;

    @Option(names = {"-i", "--brokerId"}, defaultValue = "0", description = "Consume from which broker id.")
    long brokerId;

    @Option(names = {"-w", "--whichBrokerWhenConsumeSlowly"}, defaultValue = "1",
            description = "Which broker id when consume slowly.")
    long whichBrokerWhenConsumeSlowly;

    @Option(names = {"-a", "--notifyConsumerIdsChanged"}, arity = "1", defaultValue = "true",
            description = "Notify consumer ids changed.")
    boolean notifyConsumerIdsChanged;

    @Override
    protected void execute(AdminClient admin, PrintWriter out) throws AdminException {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("groupName", group.trim());
        config.put("consumeEnable", consumeEnable);
        config.put("consumeFromMinEnable", consumeFromMinEnable);
        config.put("consumeBroadcastEnable", consumeBroadcastEnable);
        config.put("consumeMessageOrderly", consumeMessageOrderly);
        config.put("retryQueueNums", retryQueueNums);
        config.put("retryMaxTimes", retryMaxTimes);
        config.put("brokerId", brokerId);
        config.put("whichBrokerWhenConsumeSlowly", whichBrokerWhenConsumeSlowly);
        config.put("notifyConsumerIdsChangedEnable", notifyConsumerIdsChanged);
        config.put("groupSysFlag", 0);
        config.put("consumeTimeoutMinute", 15);
        for (String addr : Targets.brokerOrCluster(admin, target.brokerAddr, target.cluster)) {
            admin.groups().createOrUpdateSubscriptionGroup(addr, config);
            out.printf("create subscription group to %s success.%n", addr);
        }
        out.printf("%s%n", config.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", ", "SubscriptionGroupConfig [", "]")));
    }
}
