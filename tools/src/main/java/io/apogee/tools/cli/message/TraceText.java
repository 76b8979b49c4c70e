package io.apogee.tools.cli.message;

import io.apogee.tools.message.TraceRecord;
import io.apogee.tools.message.TraceType;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints a message's trace records as Apache's queryMsgTraceById does: for each send a header line and a
 * {@code Pub} row; then for each consumer group a header line and one {@code Sub} row per finished consumption
 * ({@code SubAfter}), each block followed by an empty line; columns {@code %-10s %-20s %-20s %-20s %-10s %-10s},
 * times as {@code yyyy-MM-dd HH:mm:ss} in the local time zone. Beyond Apache, in the same layout: a consumption
 * that started ({@code SubBefore}) without a record of its end, as a {@code SubBefore} row with status
 * {@code running} in its group's block, and the {@code EndTransaction} and {@code Recall} records.
 *
 * <p>Stateless, hence thread-safe.
 */
final class TraceText {

    private static final String ROW = "%-10s %-20s %-20s %-20s %-10s %-10s%n";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private TraceText() {
    }

    static void print(PrintWriter out, List<TraceRecord> records) {
        Set<String> finished = new HashSet<>();
        Map<String, List<TraceRecord>> byGroup = new LinkedHashMap<>();
        for (TraceRecord r : records) {
            switch (r.type()) {
                case Pub -> {
                    out.printf(ROW, "#Type", "#ProducerGroup", "#ClientHost", "#SendTime", "#CostTimes", "#Status");
                    row(out, "Pub", r, r.costTime() + "ms", r.status());
                    out.println();
                }
                case SubAfter -> {
                    finished.add(r.requestId());
                    byGroup.computeIfAbsent(r.group(), g -> new ArrayList<>()).add(r);
                }
                default -> {
                }
            }
        }
        for (TraceRecord r : records) {
            if (r.type() == TraceType.SubBefore && !finished.contains(r.requestId())) {
                byGroup.computeIfAbsent(r.group(), g -> new ArrayList<>()).add(r);
            }
        }
        byGroup.values().forEach(group -> printGroup(out, group));
        printOthers(out, records);
    }

    private static void printGroup(PrintWriter out, List<TraceRecord> group) {
        out.printf(ROW, "#Type", "#ConsumerGroup", "#ClientHost", "#ConsumerTime", "#CostTimes", "#Status");
        for (TraceRecord r : group) {
            if (r.type() == TraceType.SubAfter) {
                row(out, "Sub", r, r.costTime() + "ms", r.status());
            } else {
                row(out, "SubBefore", r, "-", "running");
            }
        }
        out.println();
    }

    private static void printOthers(PrintWriter out, List<TraceRecord> records) {
        for (TraceRecord r : records) {
            if (r.type() == TraceType.EndTransaction) {
                out.printf(ROW, "#Type", "#ProducerGroup", "#ClientHost", "#EndTime", "#State", "#FromCheck");
                row(out, "EndTrans", r, r.transactionState(), String.valueOf(r.fromTransactionCheck()));
                out.println();
            } else if (r.type() == TraceType.Recall) {
                out.printf(ROW, "#Type", "#ProducerGroup", "#ClientHost", "#RecallTime", "#CostTimes", "#Status");
                row(out, "Recall", r, "-", r.status());
                out.println();
            }
        }
    }

    private static void row(PrintWriter out, String type, TraceRecord r, String fifth, String sixth) {
        out.printf(ROW, type, r.group(), r.clientHost(), TIME.format(Instant.ofEpochMilli(r.timestamp())), fifth,
                sixth);
    }
}
