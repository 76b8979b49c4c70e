package io.apogee.tools.cli.cluster;

import io.apogee.remoting.body.ClusterInfo;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.admin.OutgoingMessage;
import io.apogee.tools.admin.TopicSender;
import io.apogee.tools.cli.AdminCommand;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code clusterRT [-a 100] [-s 128] [-c CLUSTER] [-p false] [-m noname] [-i 10]}: sends {@code -a} messages of
 * {@code -s} bytes to the topic named after each broker (SEND_MESSAGE_V2 310) and prints the mean send time per
 * broker, every {@code -i} seconds, until interrupted ({@code --rounds N} stops after N rounds, an Apogee
 * addition).
 *
 * <p>Not thread-safe; runs once.
 */
@Command(name = "clusterRT", mixinStandardHelpOptions = true, description = "List All clusters Message Send RT.")
public final class ClusterRtCommand extends AdminCommand {

    @Option(names = {"-a", "--amount"}, defaultValue = "100", description = "Message amount (default 100).")
    long amount;

    @Option(names = {"-s", "--size"}, defaultValue = "128", description = "Message size in bytes (default 128).")
    int size;

    @Option(names = {"-c", "--cluster"}, description = "Cluster name (default: all).")
    String cluster;

    @Option(names = {"-p", "--printLog"}, arity = "1", defaultValue = "false", description = "Print as tlog.")
    boolean printAsTlog;

    @Option(names = {"-m", "--machineRoom"}, defaultValue = "noname", description = "Machine room name.")
    String machineRoom;

    @Option(names = {"-i", "--interval"}, defaultValue = "10", description = "Print interval in seconds.")
    long interval;

    @Option(names = "--rounds", defaultValue = "0", description = "Stop after N rounds (0: never).")
    int rounds;

    @Override
    protected void execute(AdminClient admin, PrintWriter out) throws AdminException, InterruptedException {
        ClusterInfo info = admin.clusterInfo();
        Set<String> clusters = cluster == null ? new TreeSet<>(info.clusterAddrTable.keySet()) : Set.of(cluster.trim());
        if (!printAsTlog) {
            out.printf("%-24s  %-24s  %-4s  %-8s  %-8s%n", "#Cluster Name", "#Broker Name", "#RT", "#successCount",
                    "#failCount");
        }
        byte[] body = "a".repeat(Math.max(0, size)).getBytes(StandardCharsets.UTF_8);
        for (int round = 1; rounds <= 0 || round <= rounds; round++) {
            for (String name : clusters) {
                Set<String> brokers = info.clusterAddrTable.get(name);
                if (brokers == null) {
                    out.printf("cluster [%s] not exist%n", name);
                    break;
                }
                for (String broker : new TreeSet<>(brokers)) {
                    probe(admin, out, name, broker, body);
                }
            }
            out.flush();
            if (rounds <= 0 || round < rounds) {
                Thread.sleep(Math.max(1, interval) * 1000);
            }
        }
    }

    private void probe(AdminClient admin, PrintWriter out, String clusterName, String broker, byte[] body) {
        int success = 0;
        long elapsed = 0;
        TopicSender sender = null;
        for (int i = 0; i < amount; i++) {
            long start = System.currentTimeMillis();
            try {
                if (sender == null) {
                    sender = new TopicSender(admin, "PID_RT_" + broker, broker);
                }
                sender.send(new OutgoingMessage(broker, null, null, body));
                success++;
            } catch (AdminException e) {
                // counted as a failure, as Apache does
            }
            if (i != 0) {
                elapsed += System.currentTimeMillis() - start;
            }
        }
        double rt = amount > 1 ? (double) elapsed / (amount - 1) : 0;
        if (printAsTlog) {
            String now = new SimpleDateFormat("yyyy-MM-dd HH:mm:ss").format(new Date());
            out.printf("%s|%s|%s|%s|%s%n", now, machineRoom, clusterName, broker,
                    new BigDecimal(rt).setScale(0, RoundingMode.HALF_UP));
        } else {
            out.printf("%-24s  %-24s  %-8s  %-16s  %-16s%n", clusterName, broker, String.format("%.2f", rt), success,
                    amount - success);
        }
    }
}
