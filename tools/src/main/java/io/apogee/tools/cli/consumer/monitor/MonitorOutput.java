package io.apogee.tools.cli.consumer.monitor;

import java.io.PrintWriter;

/**
 * Where {@code startMonitoring} reports: each report is one line on stdout, each failure one line on stderr
 * ({@code mqadmin startMonitoring: <reason>}, no stack trace); both are flushed at once, since the command never ends
 * by itself.
 *
 * <p>Not thread-safe; used by the monitor's single thread.
 */
final class MonitorOutput {

    /** Apache's DefaultMonitorListener prefixes its log lines with this. */
    static final String PREFIX = "[MONITOR] ";

    private final PrintWriter out;
    private final PrintWriter err;

    MonitorOutput(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    /** One report line on stdout. */
    void line(String text) {
        out.println(text);
        out.flush();
    }

    /** One failure line on stderr (line breaks in {@code reason} become spaces); the monitor goes on. */
    void error(String reason) {
        err.println("mqadmin startMonitoring: " + reason.replaceAll("\\s*\\R\\s*", " "));
        err.flush();
    }
}
