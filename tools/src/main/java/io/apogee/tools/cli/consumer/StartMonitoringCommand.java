package io.apogee.tools.cli.consumer;

import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.cli.AdminCommand;
import io.apogee.tools.cli.consumer.monitor.MonitorLoop;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code startMonitoring}: Apache's long-running monitor ({@link MonitorLoop}), until interrupted or killed. It
 * heartbeats push consumer group {@code __MONITOR_CONSUMER} of {@code OFFSET_MOVED_EVENT} to every master, prints
 * each OFFSET_MOVED_EVENT message as a {@code reportDeleteMsgsEvent} line and, every round, one
 * {@code reportUndoneMsgs} line per consumer group and topic (Apache's DefaultMonitorListener lines). The hidden
 * {@code --roundIntervalMillis} changes the round interval (Apache's: 60 s).
 *
 * <p>Not thread-safe; runs once.
 */
@Command(name = "startMonitoring", mixinStandardHelpOptions = true, description = "Start Monitoring.")
public final class StartMonitoringCommand extends AdminCommand {

    @Option(names = "--roundIntervalMillis", hidden = true, paramLabel = "MILLIS",
            defaultValue = "" + MonitorLoop.APACHE_ROUND_INTERVAL_MILLIS,
            description = "Milliseconds between two monitoring rounds (default: ${DEFAULT-VALUE}).")
    long roundIntervalMillis;

    @Override
    protected void execute(AdminClient admin, PrintWriter out) throws InterruptedException {
        new MonitorLoop(admin, out, spec.commandLine().getErr(), roundIntervalMillis).run();
    }
}
