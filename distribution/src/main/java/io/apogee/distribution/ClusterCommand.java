package io.apogee.distribution;

import io.apogee.common.config.ConfigException;
import io.apogee.namesrv.NamesrvConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code apogee cluster --groups N --replicas R [--sync] [--base-port P] [--dir D] [key=value...]}: a name server and N
 * broker groups of R brokers each (one master, R-1 slaves) in this JVM, for trying out replication on one machine.
 * Ports and store directories follow {@link ClusterLayout}; {@code key=value} settings apply to every broker.
 * Apache RocketMQ has no such command. See {@code docs/CLUSTER.md}.
 *
 * <p>Exit codes as {@link ApogeeMain}: 2 for a bad option or setting (one line naming it), 1 when a server fails to
 * start, 0 after Ctrl-C/SIGTERM.
 *
 * <p>Not thread-safe; picocli calls it once on the main thread.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Run a name server and broker groups (master + slaves) in one process, for trying things out.")
final class ClusterCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--groups", paramLabel = "N", required = true,
            description = "Broker groups (broker-a, broker-b, ...); at least 1.")
    int groups;

    @Option(names = "--replicas", paramLabel = "R", required = true,
            description = "Brokers per group: a master (brokerId 0) and R-1 slaves; 1 to 4.")
    int replicas;

    @Option(names = "--sync", description = "Masters are SYNC_MASTER (SEND_OK once a slave holds the message); "
            + "default ASYNC_MASTER.")
    boolean sync;

    @Option(names = "--base-port", paramLabel = "P", defaultValue = "" + ClusterLayout.DEFAULT_BASE_PORT,
            description = "Name server port; broker k listens on P + 1035 + 10k (10911, 10921, ...) and a master "
                    + "serves HA on the next port. 0: free ports. Default ${DEFAULT-VALUE}.")
    int basePort;

    @Option(names = "--dir", paramLabel = "D",
            description = "Directory of the stores (D/broker-a-0, D/broker-a-1, ...); default a new temp directory.")
    Path dir;

    @Parameters(paramLabel = "key=value", arity = "0..*",
            description = "Broker settings for every broker, e.g. flushDiskType=SYNC_FLUSH brokerIP1=127.0.0.1.")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        LocalCluster cluster;
        Path stores;
        try {
            ClusterLayout layout = new ClusterLayout(groups, replicas, sync, basePort);
            stores = storeDir();
            cluster = plan(layout, stores, overrides);
        } catch (ConfigException e) {
            return fail(err, "Config error: " + e.getMessage(), LaunchCommand.CONFIG_ERROR);
        } catch (IllegalArgumentException e) {
            return fail(err, "Usage error: " + e.getMessage(), LaunchCommand.CONFIG_ERROR);
        } catch (IOException e) {
            return fail(err, "Cannot create the store directory: " + e.getMessage(), ServerRunner.START_FAILED);
        }
        return ServerRunner.runUntilStopped(cluster, () -> ClusterReport.lines(cluster, stores),
                spec.commandLine().getOut(), err);
    }

    /**
     * The cluster of {@code layout} with its stores under {@code dir} and {@code settings} ({@code key=value}) applied
     * to every broker, not started. The name server binds {@code layout.basePort()}.
     *
     * @throws ConfigException for a bad or reserved setting, naming the key
     */
    static LocalCluster plan(ClusterLayout layout, Path dir, List<String> settings) {
        Properties shared = ConfigSources.parseOverrides(settings);
        NamesrvConfig namesrv = new NamesrvConfig();
        ConfigSources.set("listenPort", String.valueOf(layout.basePort()), namesrv);
        List<BrokerSetup> setups = new ArrayList<>();
        for (ClusterMember member : layout.members(dir)) {
            setups.add(BrokerSetup.of(member, shared));
        }
        return new LocalCluster(namesrv, setups);
    }

    private Path storeDir() throws IOException {
        if (dir == null) {
            return Files.createTempDirectory("apogee-cluster-");
        }
        return Files.createDirectories(dir.toAbsolutePath());
    }

    private static int fail(PrintWriter err, String message, int code) {
        err.println(message);
        err.flush();
        return code;
    }
}
