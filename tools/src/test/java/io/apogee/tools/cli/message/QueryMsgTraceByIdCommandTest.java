package io.apogee.tools.cli.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.tools.EmbeddedClusterFixture;
import io.apogee.tools.MqAdmin;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.OutgoingMessage;
import io.apogee.tools.admin.TopicSender;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/**
 * {@code mqadmin queryMsgTraceById} against a real name server and broker: trace messages written to the broker's
 * RMQ_SYS_TRACE_TOPIC as the clients' trace producers write them (records in the body, the traced ids and keys as
 * KEYS) are found by one message's id, in text and JSON; an unknown id is a one-line failure.
 */
class QueryMsgTraceByIdCommandTest {

    private static final String ID = "7F000001486718B4AAC2633F6E4A0001";
    private static final String OTHER_ID = "7F000001486718B4AAC2633F6E4A0002";

    @RegisterExtension
    static final EmbeddedClusterFixture CLUSTER = new EmbeddedClusterFixture();

    @Test
    void shouldPrintTheRecordsOfOneMessageFoundAmongTheTraceMessages() throws Exception {
        String recall = "Recall\u00011700000000400\u0001DefaultRegion\u0001PG_A\u0001TopicA\u0001" + ID
                + "\u0001true\u0002";
        String otherPub = "Pub\u00011700000000100\u0001DefaultRegion\u0001PG_B\u0001TopicA\u0001" + OTHER_ID
                + "\u0001null\u0001null\u0001127.0.0.1:10911\u00011\u00012\u00010\u0001X\u0001true\u0002";
        String pub = "Pub\u00011700000000123\u0001DefaultRegion\u0001PG_A\u0001TopicA\u0001" + ID
                + "\u0001TagA\u0001k1\u0001127.0.0.1:10911\u000111\u00013\u00010\u0001X\u0001true\u0002";
        String subAfter = "SubAfter\u0001req-1\u0001" + ID + "\u00014\u0001false\u0001k1\u00012\u00011700000000205"
                + "\u0001CG_A\u0002";
        try (AdminClient admin = new AdminClient(List.of(CLUSTER.namesrvAddress()), 5000)) {
            TopicSender sender = new TopicSender(admin, "TraceWriters", QueryMsgTraceByIdCommand.DEFAULT_TRACE_TOPIC);
            sender.send(trace(OTHER_ID + " " + ID, otherPub + pub + recall));
            sender.send(trace(ID + " k1", subAfter));
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Run text = run("queryMsgTraceById", "-i", ID);
            assertThat(text.exit()).as(text.err()).isZero();
            assertThat(text.out()).contains("PG_A", "3ms", "success", "CG_A", "4ms", "failed").doesNotContain("PG_B")
                    .containsPattern("(?m)^Pub +PG_A +\\S+ +\\d{4}-\\d\\d-\\d\\d \\S+ +3ms +success")
                    .containsPattern("(?m)^Sub +CG_A +\\S+ +\\d{4}-\\d\\d-\\d\\d \\S+ +4ms +failed")
                    .containsPattern("(?m)^Recall +PG_A ");
        });
        Run json = run("queryMsgTraceById", "-i", ID, "-t", "RMQ_SYS_TRACE_TOPIC", "-c", "10", "--json");
        assertThat(json.out()).contains("\"type\" : \"SubAfter\"", "\"contextCode\" : 2", "\"requestId\" : \"req-1\"",
                "\"offsetMsgId\" : \"X\"", "\"type\" : \"Recall\"");
        Run none = run("queryMsgTraceById", "-i", "7F0000010000000000000000DEADBEEF", "-b", "0", "-e", "1");
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.err().strip()).isEqualTo("mqadmin queryMsgTraceById: No trace of message "
                + "7F0000010000000000000000DEADBEEF in trace topic RMQ_SYS_TRACE_TOPIC (was tracing on in the client, "
                + "enableMsgTrace, and is this its trace topic?)");
    }

    private static OutgoingMessage trace(String keys, String records) {
        return new OutgoingMessage(QueryMsgTraceByIdCommand.DEFAULT_TRACE_TOPIC, null, keys,
                records.getBytes(StandardCharsets.UTF_8));
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine line = MqAdmin.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        String[] withNamesrv = Stream.concat(Arrays.stream(args), Stream.of("-n", CLUSTER.namesrvAddress()))
                .toArray(String[]::new);
        return new Run(line.execute(withNamesrv), out.toString(), err.toString());
    }
}
