package io.apogee.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one scenario run, in insertion order.
 *
 * <p>Output format (both on the console and in the {@code --out} file): one {@code key=value} line per figure,
 * keys like {@code send.tps}, {@code send.latency.p99.ms}, {@code broker.cpu.us.per.msg}. Decimal values use a
 * dot and 3 fraction digits. The {@code --out} file is what {@code bench/compare.sh} parses; a run that failed
 * carries {@code status=FAILED} and {@code failure=<reason>}, a good one {@code status=OK}.
 *
 * <p>Not thread-safe: filled by the scenario's main thread after the window has ended.
 */
final class BenchReport {

    private final Map<String, String> figures = new LinkedHashMap<>();

    BenchReport put(String key, long value) {
        figures.put(key, Long.toString(value));
        return this;
    }

    BenchReport put(String key, double value) {
        figures.put(key, String.format(Locale.ROOT, "%.3f", value));
        return this;
    }

    BenchReport put(String key, String value) {
        figures.put(key, value.replace('\n', ' '));
        return this;
    }

    /** Puts a nanosecond value converted to milliseconds. */
    BenchReport putMillis(String key, long nanos) {
        return put(key, nanos / 1_000_000.0);
    }

    String get(String key) {
        return figures.get(key);
    }

    Map<String, String> figures() {
        return Map.copyOf(figures);
    }

    /** Marks the run failed with a reason; a failed run keeps the figures it got. */
    BenchReport fail(String reason) {
        figures.put("status", "FAILED");
        figures.put("failure", reason.replace('\n', ' '));
        return this;
    }

    boolean failed() {
        return "FAILED".equals(figures.get("status"));
    }

    void print(PrintWriter out) {
        figures.forEach((k, v) -> out.println(k + "=" + v));
        out.flush();
    }

    void write(Path file) throws IOException {
        StringBuilder text = new StringBuilder();
        figures.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
