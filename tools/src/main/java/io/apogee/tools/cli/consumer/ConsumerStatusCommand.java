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
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code consumerStatus -g GROUP [-i CLIENT_ID] [-b ADDR] [-s]}: the group's clients (203), then
 * GET_CONSUMER_RUNNING_INFO (307, relayed by the broker to each client, with its jstack when {@code -s}); prints
 * the client list and Apache's verdict over the group (same subscription, rebalance, stalled queues), or with
 * {@code -i} that client's running info in Apache's layout ({@link RunningInfoText}); {@code --json} prints the
 * running info itself. Unlike Apache, nothing is written to files under the working directory: the last column
 * is the client's address, not the path of a running-info file.
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
        if (clientId != null) {
            JsonNode info = admin.groups().consumerRunningInfo(addr, name, clientId.trim(), jstack);
            if (json) {
                JsonOutput.print(out, info);
            } else {
                out.print(RunningInfoText.format(info));
            }
            return;
        }
        ConsumerConnection cc = ConnectionLookup.consumers(admin, name, brokerAddr);
        Map<String, JsonNode> infos = new TreeMap<>();
        Map<String, String> silent = new TreeMap<>();
        for (Connection c : cc.connectionSet) {
            try {
                infos.put(c.clientId, admin.groups().consumerRunningInfo(addr, name, c.clientId, jstack));
            } catch (AdminException e) {
                silent.put(c.clientId, e.getMessage());
            }
        }
        if (json) {
            List<Object> list = new ArrayList<>();
            infos.forEach((id, info) -> list.add(Map.of("clientId", id, "runningInfo", info)));
            silent.forEach((id, reason) -> list.add(Map.of("clientId", id, "error", reason)));
            JsonOutput.print(out, list);
            return;
        }
        out.printf("%-10s %-40s %-20s %s%n", "#Index", "#ClientId", "#Version", "#ClientAddr");
        int i = 1;
        for (Connection c : cc.connectionSet) {
            out.printf("%-10d %-40s %-20s %s%n", i++, c.clientId, ClientVersion.desc(c.version), c.clientAddr);
        }
        silent.forEach((id, reason) -> out.printf("WARN: no running info from client %s: %s%n", id, reason));
        printAnalysis(out, infos);
    }

    /** Apache's verdict over the group's clients: same subscription, rebalance, and stalled queues. */
    private static void printAnalysis(PrintWriter out, Map<String, JsonNode> infos) throws AdminException {
        if (infos.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        if (RunningInfoText.subscriptionDiffers(infos, now)) {
            out.printf("%n%nWARN: Different subscription in the same group of consumer!!!");
            return;
        }
        out.printf("%n%nSame subscription in the same group of consumer");
        out.printf("%n%nRebalance OK%n");
        for (Map.Entry<String, JsonNode> e : infos.entrySet()) {
            out.print(RunningInfoText.stalledQueues(e.getKey(), e.getValue(), now));
        }
    }
}
