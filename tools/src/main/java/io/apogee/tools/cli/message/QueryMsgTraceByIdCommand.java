package io.apogee.tools.cli.message;

import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.cli.CommandFailure;
import io.apogee.tools.cli.JsonOutput;
import io.apogee.tools.cli.ReadCommand;
import io.apogee.tools.message.TraceRecord;
import java.io.PrintWriter;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code queryMsgTraceById -i MSG_ID [-t TRACE_TOPIC] [-b BEGIN_MS] [-e END_MS] [-c 64]}: the message-trace records
 * of a message, found as Apache's command finds them (QUERY_MESSAGE by the id as a key on every master of the trace
 * topic, {@link AdminClient#queryTrace}) and printed in its layout ({@link TraceText}): the sends, then the
 * consumptions per consumer group, then what Apache's command leaves out (transaction ends, recalls, consumptions
 * still running). {@code --json} prints every record with all its fields. Finding nothing is a failure naming the
 * id and the topic.
 *
 * <p>Not thread-safe; runs once.
 */
@Command(name = "queryMsgTraceById", aliases = "QueryMsgTraceById", mixinStandardHelpOptions = true,
        description = "Query a message trace.")
public final class QueryMsgTraceByIdCommand extends ReadCommand {

    /** The trace topic of the Apache clients unless they were given another one. */
    static final String DEFAULT_TRACE_TOPIC = "RMQ_SYS_TRACE_TOPIC";

    @Option(names = {"-i", "--msgId"}, required = true, description = "Message Id.")
    String msgId;

    @Option(names = {"-t", "--traceTopic"}, defaultValue = DEFAULT_TRACE_TOPIC,
            description = "The name value of message trace topic (default RMQ_SYS_TRACE_TOPIC).")
    String traceTopic;

    @Option(names = {"-b", "--beginTimestamp"}, defaultValue = "0", description = "Begin timestamp(ms), default 0.")
    long begin;

    @Option(names = {"-e", "--endTimestamp"}, defaultValue = "9223372036854775807",
            description = "End timestamp(ms), default Long.MAX_VALUE.")
    long end;

    @Option(names = {"-c", "--maxNum"}, defaultValue = "64",
            description = "The maximum number of messages returned by the query, default 64.")
    int maxNum;

    @Override
    protected void execute(AdminClient admin, PrintWriter out) throws AdminException {
        String id = msgId.trim();
        String topic = traceTopic.trim();
        List<TraceRecord> records = admin.queryTrace(topic, id, maxNum, begin, end);
        if (records.isEmpty()) {
            throw new CommandFailure("No trace of message " + id + " in trace topic " + topic
                    + " (was tracing on in the client, enableMsgTrace, and is this its trace topic?)");
        }
        if (json) {
            JsonOutput.print(out, records.stream().map(QueryMsgTraceByIdCommand::json).toList());
            return;
        }
        TraceText.print(out, records);
    }

    /** Every field of the record that it carries (the JSON mapper reads public fields only, not record components). */
    static Map<String, Object> json(TraceRecord r) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (RecordComponent c : TraceRecord.class.getRecordComponents()) {
            try {
                Object value = c.getAccessor().invoke(r);
                if (value != null) {
                    fields.put(c.getName(), value);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + c.getName() + " of a trace record", e);
            }
        }
        return fields;
    }
}
