package io.apogee.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench soak-verify}: the check after each restart in {@code bench/soak.sh}. Reads every message of the
 * soak topic ({@link TopicScan}) and sets it against every acked-keys file ({@code acked-*.txt}) in
 * {@code --acked-dir} ({@link SoakTally}). Prints one line, for the cycle's own keys and for all keys so far (a
 * message of an earlier cycle lost at a later restart shows in the totals):
 * <pre>
 * cycle 3/10 SYNC_FLUSH: acked 12345 (total 40001) lost 0 (total 0) corrupt 0 (total 0) duplicated 0 (total 0)
 * </pre>
 * and, with {@code --out}, the figures as {@link BenchReport} key=value lines ({@code total.lost}, ...,
 * {@code stored.unacked}, {@code example.N}). Exit code 0 when nothing was lost or corrupt, 1 otherwise or
 * when the topic could not be read (the reason then goes to standard error).
 *
 * <p>Not thread-safe: one invocation per instance.
 */
@Command(name = "soak-verify", mixinStandardHelpOptions = true,
        description = "Checks the soak topic against the acked keys: lost, corrupt, duplicated (bench/soak.sh).")
final class SoakVerifyCommand implements Callable<Integer> {

    @Option(names = {"-n", "--namesrv"}, required = true, paramLabel = "HOST:PORT",
            description = "Name server address; must be 127.0.0.1 or localhost.")
    String namesrv;

    @Option(names = "--topic", required = true, paramLabel = "NAME", description = "The soak topic.")
    String topic;

    @Option(names = "--acked-dir", required = true, paramLabel = "DIR",
            description = "Directory of the acked-keys files (acked-*.txt) of all cycles so far.")
    Path ackedDir;

    @Option(names = "--cycle", required = true, description = "The cycle just ended.")
    int cycle;

    @Option(names = "--cycles", defaultValue = "0", description = "Cycles of the whole run (for the printout).")
    int cycles;

    @Option(names = "--flush", defaultValue = "", description = "Flush type of the broker (for the printout).")
    String flush;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the figures (key=value) to this file.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        String host = namesrv.contains(":") ? namesrv.substring(0, namesrv.lastIndexOf(':')) : namesrv;
        if (!host.equals("127.0.0.1") && !host.equals("localhost")) {
            throw new IllegalArgumentException("-n " + namesrv + ": the bench tool only drives 127.0.0.1");
        }
        BenchReport report = new BenchReport();
        report.put("scenario", "soak-verify").put("status", "OK").put("cycle", cycle);
        try {
            verify(report);
        } catch (Exception e) {
            report.fail("could not verify: " + ErrorTally.typeOf(e) + ": " + e.getMessage());
            spec.commandLine().getErr().println("soak-verify: " + report.get("failure"));
            spec.commandLine().getErr().flush();
        }
        if (out != null) {
            report.write(out);
        }
        return report.failed() ? 1 : 0;
    }

    private void verify(BenchReport report) throws Exception {
        List<String> acked = readAcked();
        SoakTally tally = new SoakTally();
        long start = System.nanoTime();
        try (TopicScan scan = TopicScan.open(namesrv)) {
            tally.unreadable(scan.read(topic, tally::add));
        }
        report.put("scan.seconds", (System.nanoTime() - start) / 1e9);
        SoakCounts mine = tally.counts(acked, c -> c == cycle);
        SoakCounts all = tally.counts(acked, c -> true);
        mine.report("cycle", report);
        all.report("total", report);
        report.put("stored.messages", tally.messages()).put("stored.keys", tally.keys());
        report.put("stored.unacked", tally.keys() - (all.acked() - all.lost()));
        List<String> examples = tally.examples();
        for (int i = 0; i < examples.size(); i++) {
            report.put("example." + (i + 1), examples.get(i));
        }
        PrintWriter console = spec.commandLine().getOut();
        console.println(line(mine, all));
        console.flush();
        if (!all.intact()) {
            report.fail(all.lost() + " acknowledged messages lost, " + all.corrupt() + " corrupt, "
                    + all.duplicated() + " duplicated");
        }
    }

    private String line(SoakCounts mine, SoakCounts all) {
        return String.format(Locale.ROOT, "cycle %d/%d %s: acked %d (total %d) lost %d (total %d) corrupt %d "
                        + "(total %d) duplicated %d (total %d)", cycle, cycles, flush, mine.acked(), all.acked(),
                mine.lost(), all.lost(), mine.corrupt(), all.corrupt(), mine.duplicated(), all.duplicated());
    }

    private List<String> readAcked() throws IOException {
        List<String> keys = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(ackedDir, "acked-*.txt")) {
            for (Path file : files) {
                keys.addAll(AckLog.read(file));
            }
        }
        return keys;
    }
}
