package io.apogee.bench;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of the load scenarios: validates the options, runs the scenario, prints the {@link BenchReport}
 * (and writes it to {@code --out}). Exit code 0 when the run succeeded, 1 when it failed (the report then
 * says why).
 *
 * <p>Not thread-safe: one instance per command-line invocation.
 */
abstract class ScenarioCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ScenarioCommand.class);

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    private BenchReport last;

    /** The scenario name as in the report ({@code scenario=...}). */
    abstract String scenario();

    /** Runs the scenario, putting figures into {@code report}; may call {@link BenchReport#fail}. */
    abstract void run(BenchReport report) throws Exception;

    @Override
    public Integer call() throws Exception {
        common.validate();
        validate();
        BenchReport report = new BenchReport();
        report.put("scenario", scenario()).put("status", "OK");
        try {
            run(report);
        } catch (Exception e) {
            LOG.warn("scenario {} failed", scenario(), e);
            report.fail(ErrorTally.typeOf(e) + ": " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        report.print(out);
        if (common.out != null) {
            report.write(common.out);
        }
        last = report;
        return report.failed() ? 1 : 0;
    }

    /** Checks scenario-specific options; throws naming the offending value. */
    void validate() {
    }

    /** The report of the last {@link #call()} (for tests). */
    BenchReport lastReport() {
        return last;
    }

    /** The window's cost sampler; with {@code --slave-lag} it also samples the replication lag of the group. */
    CostSampler sampler(BenchClients clients) throws Exception {
        SlaveLagSampler lag = common.slaveLag ? SlaveLagSampler.find(clients.producer()) : null;
        return new CostSampler(common.brokerPid, common.clockTicks, lag);
    }

    /** Puts messages, throughput (msgs/s, MB/s) over the measured window. */
    void putThroughput(BenchReport report, String prefix, long messages, long nanos) {
        double seconds = nanos / 1e9;
        report.put(prefix + ".msgs", messages);
        report.put(prefix + ".seconds", seconds);
        report.put(prefix + ".tps", messages / seconds);
        report.put(prefix + ".mb.per.s", messages * (double) common.bodySize / seconds / 1e6);
    }
}
