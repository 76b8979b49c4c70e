package io.apogee.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench summarize --results DIR --rounds N [--jmh-csv FILE]}: turns the result files of
 * {@code bench/compare.sh} into Markdown tables on standard output: the medians over the rounds for Apogee
 * and RocketMQ with their ratio (and the goal, where set), then the JMH results with allocation per message.
 *
 * <p>Result files are {@code <server>.<flush>.<scenario>.r<round>.txt} ({@code server} = apogee | rocketmq,
 * {@code flush} = async | sync | ha, the last a SYNC_MASTER with a slave),
 * each in the {@link BenchReport} key=value format. A figure of a round whose
 * file says {@code status=FAILED} (or is missing) is left out of the median and the cell says how many rounds
 * failed; the reasons are listed under the table.
 *
 * <p>Not thread-safe; used once on the main thread.
 */
@Command(name = "summarize", mixinStandardHelpOptions = true,
        description = "Markdown tables (medians, ratios, JMH) from the result files of bench/compare.sh.")
final class SummarizeCommand implements Callable<Integer> {

    static final String APOGEE = "apogee";
    static final String ROCKETMQ = "rocketmq";

    @Option(names = "--results", required = true, paramLabel = "DIR", description = "Directory of result files.")
    Path results;

    @Option(names = "--rounds", required = true, description = "Number of rounds run.")
    int rounds;

    @Option(names = "--jmh-csv", paramLabel = "FILE", description = "JMH results (-rf csv) to tabulate.")
    Path jmhCsv;

    @Spec
    CommandSpec spec;

    private final Map<String, String> failures = new LinkedHashMap<>();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        out.println("| Scenario / figure | Apogee | RocketMQ 5.4.0 | Apogee/RocketMQ | Goal |");
        out.println("|---|---:|---:|---:|---|");
        for (Figure f : Figure.table()) {
            if (!ran(f.scenario())) {
                continue; // a mode compare.sh was told to skip (--modes)
            }
            Cell apogee = cell(APOGEE, f);
            Cell rocketmq = cell(ROCKETMQ, f);
            out.println("| " + f.label() + " | " + apogee.text() + " | " + rocketmq.text() + " | "
                    + ratio(apogee, rocketmq, f) + " | " + f.goal().text() + " |");
        }
        out.println();
        out.println("Medians over " + rounds + " rounds; a ✔/✘ after a ratio says whether the goal is met.");
        if (!failures.isEmpty()) {
            out.println();
            out.println("Failed runs:");
            failures.forEach((run, reason) -> out.println("- `" + run + "`: " + reason));
        }
        printLimits(out);
        if (jmhCsv != null && Files.exists(jmhCsv)) {
            out.println();
            out.println("### JMH micro-benchmarks (per message; allocation from -prof gc)");
            out.println();
            new JmhTable(jmhCsv).print(out);
        }
        out.flush();
        return 0;
    }

    /**
     * The template part of the analysis: for each throughput scenario and server, how busy the machine was and
     * how the CPU per message split between the load tool and the broker, with the CPU-bound ceiling that
     * split implies on this machine ({@code nproc} cores / (client + broker CPU per message)).
     */
    private void printLimits(PrintWriter out) throws IOException {
        out.println();
        out.println("### Where the CPU went (filled in from the medians)");
        out.println();
        out.println("| Scenario | Server | msgs/s | machine busy % | client µs/msg | broker µs/msg "
                + "| broker in kernel % | CPU-bound ceiling msgs/s |");
        out.println("|---|---|---:|---:|---:|---:|---:|---:|");
        int cores = Runtime.getRuntime().availableProcessors();
        String[][] scenarios = {{"async.produce", "send.tps", "sync send"},
            {"async.produce-async", "send.tps", "async send"},
            {"async.consume", "consume.tps", "drain"}, {"sync.produce", "send.tps", "SYNC_FLUSH sync send"},
            {"ha.produce", "send.tps", "SYNC_MASTER sync send (master CPU)"}};
        for (String[] sc : scenarios) {
            if (!ran(sc[0])) {
                continue;
            }
            for (String server : List.of(APOGEE, ROCKETMQ)) {
                Double tps = median(server, sc[0], sc[1]);
                Double busy = median(server, sc[0], "host.cpu.busy.pct");
                Double client = median(server, sc[0], "client.cpu.us.per.msg");
                Double broker = median(server, sc[0], "broker.cpu.us.per.msg");
                Double kernel = median(server, sc[0], "broker.cpu.kernel.pct");
                String ceiling = client == null || broker == null || client + broker == 0 ? ""
                        : format(cores * 1e6 / (client + broker));
                out.println("| " + sc[2] + " | " + server + " | " + text(tps) + " | " + text(busy) + " | "
                        + text(client) + " | " + text(broker) + " | " + text(kernel) + " | " + ceiling + " |");
            }
        }
    }

    /** Whether any round of either server left a result file for {@code scenario}. */
    private boolean ran(String scenario) {
        for (int r = 1; r <= rounds; r++) {
            for (String server : List.of(APOGEE, ROCKETMQ)) {
                if (Files.exists(results.resolve(server + "." + scenario + ".r" + r + ".txt"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String text(Double v) {
        return v == null ? "" : format(v);
    }

    private Double median(String server, String scenario, String key) throws IOException {
        return cell(server, new Figure(scenario, key, key, Figure.Goal.NONE)).median();
    }

    /** Median of one figure over the rounds, or the number of failed rounds. */
    record Cell(Double median, int failed, int rounds) {
        String text() {
            if (median == null) {
                return failed > 0 ? "FAILED " + failed + "/" + rounds : "n/a";
            }
            String value = format(median);
            return failed > 0 ? value + " (FAILED " + failed + "/" + rounds + ")" : value;
        }
    }

    private Cell cell(String server, Figure f) throws IOException {
        List<Double> values = new ArrayList<>();
        int failed = 0;
        for (int r = 1; r <= rounds; r++) {
            String run = server + "." + f.scenario() + ".r" + r;
            Path file = results.resolve(run + ".txt");
            if (!Files.exists(file)) {
                failed++;
                failures.putIfAbsent(run, "no result file (the run or the server did not complete)");
                continue;
            }
            Properties p = new Properties();
            try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(reader);
            }
            if ("FAILED".equals(p.getProperty("status"))) {
                failed++;
                failures.putIfAbsent(run, p.getProperty("failure", "unknown"));
            }
            String v = p.getProperty(f.key());
            if (v != null && !"FAILED".equals(p.getProperty("status"))) {
                values.add(Double.parseDouble(v));
            }
        }
        return new Cell(median(values), failed, rounds);
    }

    static Double median(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String ratio(Cell apogee, Cell rocketmq, Figure f) {
        if (apogee.median() == null || rocketmq.median() == null) {
            return "";
        }
        if (rocketmq.median() == 0) {
            return apogee.median() == 0 ? "=" : "";
        }
        double ratio = apogee.median() / rocketmq.median();
        String text = String.format(Locale.ROOT, "%.2f", ratio);
        if (f.goal() == Figure.Goal.NONE) {
            return text;
        }
        return text + (f.goal().met(ratio) ? " ✔" : " ✘");
    }

    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 10 ? "%.1f" : "%.2f", v);
    }
}
