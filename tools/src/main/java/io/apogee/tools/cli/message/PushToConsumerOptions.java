package io.apogee.tools.cli.message;

import com.fasterxml.jackson.databind.JsonNode;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.cli.CommandFailure;
import io.apogee.tools.message.MessageRecord;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * The options queryMsgById and queryMsgByUniqueKey share with Apache's, a picocli mixin: {@code -g GROUP -d CLIENT}
 * pushes the message to that live push consumer instead of printing it (CONSUME_MESSAGE_DIRECTLY 309, relayed by
 * the broker that stored it; the client consumes it once more and answers how it went, printed as Apache's
 * {@code ConsumeMessageDirectlyResult [...]}), and {@code -c} (cluster: accepted, not needed).
 *
 * <p>Not thread-safe; filled once by picocli.
 */
final class PushToConsumerOptions {

    @Option(names = {"-g", "--consumerGroup"}, description = "Consumer group to push the message to (with -d).")
    String group;

    @Option(names = {"-d", "--clientId"}, description = "Client id of the push consumer (with -g).")
    String clientId;

    @Option(names = {"-c", "--cluster"}, description = "Cluster name (accepted, not needed).")
    String cluster;

    /** True when {@code -g} and {@code -d} ask for a push; fails when only one of them is given. */
    boolean requested() {
        if ((group == null) != (clientId == null)) {
            throw new CommandFailure("pushing a message to a consumer needs both -g GROUP and -d CLIENT_ID");
        }
        return group != null;
    }

    /** Pushes {@code m} to the client, after checking that it is a push consumer, and prints the result. */
    void push(AdminClient admin, PrintWriter out, MessageRecord m) throws AdminException {
        String name = group.trim();
        String client = clientId.trim();
        JsonNode info = admin.groups().consumerRunningInfo(m.storeHost(), name, client, false);
        if (!"CONSUME_PASSIVELY".equals(info.path("properties").path("PROP_CONSUME_TYPE").asText())) {
            out.printf("this %s client is not push consumer ,not support direct push %n", client);
            return;
        }
        JsonNode r = admin.groups().consumeMessageDirectly(m.storeHost(), name, client, m.topic(), m.offsetMsgId());
        out.printf("ConsumeMessageDirectlyResult [order=%s, autoCommit=%s, consumeResult=%s, remark=%s, "
                        + "spentTimeMills=%d]%n", r.path("order").asBoolean(), r.path("autoCommit").asBoolean(),
                r.path("consumeResult").asText(null), r.path("remark").asText(null), r.path("spentTimeMills").asLong());
    }
}
