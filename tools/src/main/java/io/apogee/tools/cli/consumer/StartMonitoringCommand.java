package io.apogee.tools.cli.consumer;

import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.cli.AdminCommand;
import io.apogee.tools.cli.CommandFailure;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/**
 * {@code startMonitoring}: Apache's long-running monitor process; not offered by Apogee's mqadmin, which says so
 * (exit status 1) instead of pretending.
 *
 * <p>Not thread-safe; runs once.
 */
@Command(name = "startMonitoring", mixinStandardHelpOptions = true, description = "Start Monitoring (not offered "
        + "by Apogee).")
public final class StartMonitoringCommand extends AdminCommand {

    @Override
    protected void execute(AdminClient admin, PrintWriter out) {
        throw new CommandFailure("startMonitoring is not offered by Apogee's mqadmin; use consumerProgress, "
                + "brokerStatus and statsAll for the same figures");
    }
}
