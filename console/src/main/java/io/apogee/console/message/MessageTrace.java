package io.apogee.console.message;

import io.apogee.remoting.ResponseCode;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.message.TraceRecord;
import java.util.Comparator;
import java.util.List;

/**
 * A message's trace as its detail page shows it: the records the clients with tracing on wrote to the trace topic
 * about the message, found as {@code mqadmin queryMsgTraceById} finds them ({@link AdminClient#queryTrace}), in time
 * order; or the sentence saying why there are none.
 *
 * <p>Immutable.
 *
 * @param problem empty when {@code rows} is not
 */
public record MessageTrace(String traceTopic, List<TraceRow> rows, String problem) {

    /** The trace topic of the Apache clients unless they are given another one. */
    public static final String DEFAULT_TOPIC = "RMQ_SYS_TRACE_TOPIC";
    private static final int MAX_TRACE_MESSAGES = 64;

    /** Looks the trace of {@code msgId} up in {@code traceTopic}; never fails, a failure is the problem. */
    static MessageTrace find(AdminClient admin, String traceTopic, String msgId) {
        try {
            List<TraceRecord> records = admin.queryTrace(traceTopic, msgId, MAX_TRACE_MESSAGES, 0, Long.MAX_VALUE);
            if (records.isEmpty()) {
                return new MessageTrace(traceTopic, List.of(), "No trace of this message in " + traceTopic
                        + ": its producer and consumers did not have message trace on (enableMsgTrace).");
            }
            List<TraceRow> rows = records.stream().sorted(Comparator.comparingLong(TraceRecord::timestamp))
                    .map(TraceRow::of).toList();
            return new MessageTrace(traceTopic, rows, "");
        } catch (AdminException e) {
            String why = e.code() == ResponseCode.TOPIC_NOT_EXIST
                    ? "The trace topic " + traceTopic + " does not exist: no client has written a trace yet."
                    : "The cluster did not answer the trace query: " + e.getMessage();
            return new MessageTrace(traceTopic, List.of(), why);
        }
    }
}
