package io.apogee.tools.cli.connection;

import io.apogee.remoting.body.Connection;
import io.apogee.remoting.body.ConsumerConnection;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.cli.JsonOutput;
import io.apogee.tools.cli.ReadCommand;
import io.apogee.tools.cli.consumer.ClientVersion;
import io.apogee.tools.cli.consumer.ConnectionLookup;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code consumerConnection -g GROUP [-b ADDR]}: GET_CONSUMER_CONNECTION_LIST (203) on a master of the group's retry
 * route (or {@code -b}): the clients, the subscriptions and the consume type, model and start point. No live
 * consumer is code 206.
 *
 * <p>Not thread-safe; runs once.
 */
@Command(name = "consumerConnection", mixinStandardHelpOptions = true, description = "Query consumer's socket "
        + "connection, client version and subscription.")
public final class ConsumerConnectionCommand extends ReadCommand {

    @Option(names = {"-g", "--consumerGroup"}, required = true, description = "Consumer group name.")
    String group;

    @Option(names = {"-b", "--brokerAddr"}, description = "Broker address.")
    String brokerAddr;

    @Override
    protected void execute(AdminClient admin, PrintWriter out) throws AdminException {
        ConsumerConnection cc = ConnectionLookup.consumers(admin, group.trim(), brokerAddr);
        if (json) {
            JsonOutput.print(out, cc);
            return;
        }
        out.printf("%-36s %-22s %-10s %s%n", "#ClientId", "#ClientAddr", "#Language", "#Version");
        for (Connection c : cc.connectionSet) {
            out.printf("%-36s %-22s %-10s %s%n", c.clientId, c.clientAddr, c.language, ClientVersion.desc(c.version));
        }
        out.printf("%nBelow is subscription:%n");
        out.printf("%-20s %s%n", "#Topic", "#SubExpression");
        cc.subscriptionTable.forEach((topic, sub) -> out.printf("%-20s %s%n", topic, sub.subString));
        out.printf("%n");
        out.printf("ConsumeType: %s%n", cc.consumeType);
        out.printf("MessageModel: %s%n", cc.messageModel);
        out.printf("ConsumeFromWhere: %s%n", cc.consumeFromWhere);
    }
}
