package io.apogee.console.message;

import io.apogee.tools.message.TraceRecord;

/**
 * One line of a message's trace on its detail page, the columns of {@code mqadmin queryMsgTraceById}: what happened
 * ({@code Pub} a send, {@code SubBefore} / {@code SubAfter} the start and end of a consumption,
 * {@code EndTransaction}, {@code Recall}), by which group from which client host, when, how long it took and how
 * it ended.
 *
 * <p>Immutable.
 *
 * @param time    in the console's time zone, to the millisecond; empty when the record has none (SubAfter records of
 *                old clients)
 * @param cost    {@code 12ms}, or empty for records without a duration
 * @param outcome success or failed; the transaction state for EndTransaction; {@code started} for SubBefore
 */
public record TraceRow(String type, String group, String clientHost, String time, String cost, String outcome) {

    static TraceRow of(TraceRecord r) {
        String time = r.timestamp() > 0 ? MessageRow.time(r.timestamp()) : "";
        return switch (r.type()) {
            case Pub, SubAfter -> new TraceRow(r.type().name(), r.group(), r.clientHost(), time, r.costTime() + "ms",
                    r.status());
            case SubBefore -> new TraceRow("SubBefore", r.group(), r.clientHost(), time, "",
                    r.retryTimes() > 0 ? "started, retry " + r.retryTimes() : "started");
            case EndTransaction -> new TraceRow("EndTransaction", r.group(), r.clientHost(), time, "",
                    r.transactionState() + (r.fromTransactionCheck() ? " (checked)" : ""));
            case Recall -> new TraceRow("Recall", r.group(), r.clientHost(), time, "", r.status());
        };
    }
}
