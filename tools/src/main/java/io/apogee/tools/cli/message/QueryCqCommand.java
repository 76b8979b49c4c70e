package io.apogee.tools.cli.message;

import com.fasterxml.jackson.databind.JsonNode;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.cli.JsonOutput;
import io.apogee.tools.cli.ReadCommand;
import io.apogee.tools.cli.Targets;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code queryCq -t T -q QUEUE_ID -i INDEX -c COUNT [-b ADDR] [-g GROUP]}: QUERY_CONSUME_QUEUE (321), printed as
 * Apache does: subscription, queue min/max, then one block per unit.
 *
 * <p>Not thread-safe; runs once.
 */
@Command(name = "queryCq", mixinStandardHelpOptions = true, description = "Query cq command.")
public final class QueryCqCommand extends ReadCommand {

    private static final String RULE = "======================================%n";

    @Option(names = {"-t", "--topic"}, required = true, description = "Topic name.")
    String topic;

    @Option(names = {"-q", "--queue"}, required = true, description = "Queue id.")
    int queueId;

    @Option(names = {"-i", "--index"}, required = true, description = "Start queue index.")
    long index;

    @Option(names = {"-c", "--count"}, required = true, description = "How many.")
    int count;

    @Option(names = {"-b", "--broker"}, description = "Broker address (default: first master of the topic).")
    String brokerAddr;

    @Option(names = {"-g", "--consumer"}, description = "Consumer group.")
    String group;

    @Override
    protected void execute(AdminClient admin, PrintWriter out) throws AdminException {
        String name = topic.trim();
        String addr = brokerAddr != null ? brokerAddr.trim()
                : Targets.topicMasters(admin, name).values().iterator().next();
        JsonNode body = admin.stats().queryConsumeQueue(addr, name, queueId, index, count, group);
        if (json) {
            JsonOutput.print(out, body);
            return;
        }
        if (body.hasNonNull("subscriptionData")) {
            out.printf("Subscription data: %n%s%n", JsonOutput.text(body.get("subscriptionData")));
            out.printf(RULE);
        }
        if (body.hasNonNull("filterData")) {
            out.printf("Filter data: %n%s%n", body.get("filterData").asText());
            out.printf(RULE);
        }
        out.printf("Queue data: %nmax: %d, min: %d%n", body.path("maxQueueIndex").asLong(),
                body.path("minQueueIndex").asLong());
        out.printf(RULE);
        long i = index;
        for (JsonNode unit : body.path("queueData")) {
            out.printf("idx: %d%n%s%n", i++, unitText(unit));
            out.printf(RULE);
        }
    }

    /** Apache's {@code ConsumeQueueData.toString()}, which scripts reading this output expect. */
    private static String unitText(JsonNode unit) {
        return "ConsumeQueueData{physicOffset=" + unit.path("physicOffset").asLong()
                + ", physicSize=" + unit.path("physicSize").asInt()
                + ", tagsCode=" + unit.path("tagsCode").asLong()
                + ", extendDataJson='" + text(unit, "extendDataJson") + "'"
                + ", bitMap='" + text(unit, "bitMap") + "'"
                + ", eval=" + unit.path("eval").asBoolean()
                + ", msg='" + text(unit, "msg") + "'}";
    }

    private static String text(JsonNode unit, String field) {
        JsonNode value = unit.get(field);
        return value == null || value.isNull() ? "null" : value.asText();
    }
}
