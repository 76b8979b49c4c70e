package io.apogee.tools.cli.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import io.apogee.remoting.body.Connection;
import io.apogee.remoting.body.ConsumerConnection;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.cli.JsonOutput;
import io.apogee.tools.cli.ReadCommand;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code consumerStatus -g GROUP [-i CLIENT_ID] [-b ADDR] [-s]}: the group's clients (203), then
 * GET_CONSUMER_RUNNING_INFO (307, relayed by the broker to each client, with its jstack when {@code -s}); prints
 * the client list, and the running info of {@code -i} (or of every client with {@code --json}) as indented JSON.
 *
 * <p>Not thread-safe; runs once.
 */
@Command(name = "consumerStatus", mixinStandardHelpOptions = true, description = "Query consumer's internal data "
        + "structure.")
public final class ConsumerStatusCommand extends ReadCommand {

    @Option(names = {"-g", "--consumerGroup"}, required = true, description = "Consumer group name.")
    String group;

    @Option(names = {"-i", "--clientId"}, description = "The consumer's client id.")
    String clientId;

    @Option(names = {"-b", "--brokerAddr"}, description = "Broker address.")
    String brokerAddr;

    @Option(names = {"-s", "--jstack"}, description = "Run jstack in the consumer process.")
    boolean jstack;

    @Override
    protected void execute(AdminClient admin, PrintWriter out) throws AdminException {
        String name = group.trim();
        String addr = brokerAddr != null ? brokerAddr.trim() : admin.groupMasters(name).values().stream()
                .findFirst().orElse(null);
        ConsumerConnection cc = ConnectionLookup.consumers(admin, name, brokerAddr);
        if (clientId != null) {
            JsonNode info = admin.groups().consumerRunningInfo(addr, name, clientId.trim(), jstack);
            JsonOutput.print(out, info);
            return;
        }
        if (json) {
            List<Object> infos = new ArrayList<>();
            for (Connection c : cc.connectionSet) {
                infos.add(Map.of("clientId", c.clientId,
                        "runningInfo", admin.groups().consumerRunningInfo(addr, name, c.clientId, jstack)));
            }
            JsonOutput.print(out, infos);
            return;
        }
        out.printf("%-10s %-40s %-20s %s%n", "#Index", "#ClientId", "#Version", "#ClientAddr");
        int i = 1;
        for (Connection c : cc.connectionSet) {
            out.printf("%-10d %-40s %-20s %s%n", i++, c.clientId, ClientVersion.desc(c.version), c.clientAddr);
        }
    }
}
