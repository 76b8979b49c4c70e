package io.apogee.tools.cli.connection;

import io.apogee.remoting.body.Connection;
import io.apogee.remoting.body.ProducerConnection;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.cli.JsonOutput;
import io.apogee.tools.cli.ReadCommand;
import io.apogee.tools.cli.Targets;
import io.apogee.tools.cli.consumer.ClientVersion;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code producerConnection -g GROUP -t T}: GET_PRODUCER_CONNECTION_LIST (204) on a master of the topic's route, one
 * numbered line per producer client.
 *
 * <p>Not thread-safe; runs once.
 */
@Command(name = "producerConnection", mixinStandardHelpOptions = true, description = "Query producer's socket "
        + "connection and client version.")
public final class ProducerConnectionCommand extends ReadCommand {

    @Option(names = {"-g", "--producerGroup"}, required = true, description = "Producer group name.")
    String group;

    @Option(names = {"-t", "--topic"}, required = true, description = "Topic name.")
    String topic;

    @Override
    protected void execute(AdminClient admin, PrintWriter out) throws AdminException {
        String addr = Targets.topicMasters(admin, topic.trim()).values().iterator().next();
        ProducerConnection pc = admin.groups().producerConnection(addr, group.trim());
        if (json) {
            JsonOutput.print(out, pc);
            return;
        }
        int i = 1;
        for (Connection c : pc.connectionSet) {
            out.printf("%04d  %-32s %-22s %-8s %s%n", i++, c.clientId, c.clientAddr, c.language,
                    ClientVersion.desc(c.version));
        }
    }
}
