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

/**
 * A Markdown table of JMH results read from JMH's CSV output ({@code -rf csv}): per benchmark (and parameter)
 * the time per message and, from the {@code gc.alloc.rate.norm} secondary result of {@code -prof gc}, the
 * bytes allocated per message. The benchmarks report per message already (via {@code OperationsPerInvocation}).
 *
 * <p>CSV columns used: 0 Benchmark (secondary results end in {@code :gc.alloc.rate.norm}), 4 Score, 5 Score
 * error, 6 Unit, 7 the first parameter if any.
 *
 * <p>Not thread-safe; used once.
 */
final class JmhTable {

    private final Map<String, String[]> rows = new LinkedHashMap<>();

    JmhTable(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            List<String> cols = split(line);
            if (cols.size() < 7) {
                continue;
            }
            String name = cols.get(0);
            String param = cols.size() > 7 ? cols.get(7) : "";
            boolean alloc = name.endsWith("gc.alloc.rate.norm");
            String bench = alloc ? name.substring(0, name.lastIndexOf(':')) : name;
            if (!alloc && name.contains(":")) {
                continue;
            }
            String key = bench + "|" + param;
            String[] row = rows.computeIfAbsent(key, k -> new String[] {shortName(bench), param, "", "", ""});
            if (alloc) {
                row[4] = String.format(Locale.ROOT, "%.1f", Double.parseDouble(cols.get(4)));
            } else {
                row[2] = String.format(Locale.ROOT, "%.1f", Double.parseDouble(cols.get(4)));
                row[3] = cols.get(5).equals("NaN") ? ""
                        : String.format(Locale.ROOT, "± %.1f", Double.parseDouble(cols.get(5)));
            }
        }
    }

    void print(PrintWriter out) {
        out.println("| JMH benchmark | param | ns/msg | error | alloc B/msg |");
        out.println("|---|---|---:|---:|---:|");
        for (String[] row : rows.values()) {
            out.println("| " + String.join(" | ", row) + " |");
        }
    }

    private static String shortName(String benchmark) {
        String[] parts = benchmark.split("\\.");
        return parts.length < 2 ? benchmark : parts[parts.length - 2] + "." + parts[parts.length - 1];
    }

    /** Splits one CSV line with double-quoted fields (JMH quotes strings, never embeds quotes). */
    static List<String> split(String line) {
        List<String> cols = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cols.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        cols.add(cur.toString());
        return cols;
    }
}
