package io.apogee.tools.cli.consumer;

import io.apogee.remoting.body.MessageRequestMode;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.cli.AdminCommand;
import io.apogee.tools.cli.Targets;
import java.io.PrintWriter;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code setConsumeMode (-b ADDR | -c CLUSTER) -t TOPIC -g GROUP -m PULL|POP [-q popShareQueueNum]}:
 * SET_MESSAGE_REQUEST_MODE (401) on the broker or every master of the cluster, as Apache's command: 5.x push
 * consumers of the group with {@code clientRebalance=false} then pull or pop the topic
 * (docs/protocol/16-timers-trace-reply-pop.md §4). {@code -q} defaults to 0 (every client pops every queue).
 * Prints {@code set consume mode to <addr> success.} per broker, then the setting.
 *
 * <p>Not thread-safe; runs once.
 */
@Command(name = "setConsumeMode", mixinStandardHelpOptions = true, description = "Set consume message mode. "
        + "pull/pop etc.")
public final class SetConsumeModeCommand extends AdminCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    BrokerOrCluster target;

    @Option(names = {"-t", "--topicName"}, required = true, description = "Topic name.")
    String topic;

    @Option(names = {"-g", "--groupName"}, required = true, description = "Consumer group name.")
    String group;

    @Option(names = {"-m", "--mode"}, required = true, description = "Consume mode: PULL or POP.")
    MessageRequestMode mode;

    @Option(names = {"-q", "--popShareQueueNum"}, defaultValue = "0",
            description = "Num of queue which share in pop mode.")
    int popShareQueueNum;

    @Override
    protected void execute(AdminClient admin, PrintWriter out) throws AdminException {
        String topicName = topic.trim();
        String groupName = group.trim();
        for (String addr : Targets.brokerOrCluster(admin, target.brokerAddr, target.cluster)) {
            admin.groups().setMessageRequestMode(addr, topicName, groupName, mode, popShareQueueNum);
            out.printf("set consume mode to %s success.%n", addr);
        }
        out.printf("topic[%s] group[%s] consume mode[%s] popShareQueueNum[%d]%n", topicName, groupName, mode,
                popShareQueueNum);
    }
}
