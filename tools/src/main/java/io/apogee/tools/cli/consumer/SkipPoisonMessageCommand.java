package io.apogee.tools.cli.consumer;

import io.apogee.remoting.ResponseCode;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.admin.SkippedMessage;
import io.apogee.tools.cli.AdminCommand;
import io.apogee.tools.cli.CommandFailure;
import io.apogee.tools.cli.Targets;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code skipPoisonMessage -g GROUP -t T -i QUEUE_ID [-b BROKER] [-o OFFSET]} (Apogee only): SKIP_POISON_MESSAGE
 * (800001) to the master holding the queue, which moves the message at the group's committed offset to
 * {@code %DLQ%GROUP} and advances the offset past it; a running orderly consumer stuck on that message drops its
 * copy and goes on with the next one, in order (see docs/ARCHITECTURE.md, "Ordered consumption"). {@code -b} is a
 * broker address or name, needed when the topic is on more than one broker; {@code -o} makes the broker refuse
 * unless the committed offset is that one. Skipping is the operator's decision: how often the message failed is
 * known only inside the consumer.
 *
 * <p>Not thread-safe; runs once.
 */
@Command(name = "skipPoisonMessage", mixinStandardHelpOptions = true, description = "Move the message an orderly "
        + "consumer group is stuck on (the one at its committed offset of a queue) to the group's DLQ and advance the "
        + "offset past it (Apogee brokers only).")
public final class SkipPoisonMessageCommand extends AdminCommand {

    @Option(names = {"-g", "--consumerGroup"}, required = true, description = "Consumer group.")
    String group;

    @Option(names = {"-t", "--topic"}, required = true, description = "Topic.")
    String topic;

    @Option(names = {"-i", "--queueId"}, required = true, description = "Queue id on the broker.")
    int queueId;

    @Option(names = {"-b", "--broker"}, description = "Broker address (ip:port) or broker name holding the queue; "
            + "needed when the topic is on several brokers.")
    String broker;

    @Option(names = {"-o", "--offset"}, defaultValue = "-1",
            description = "Skip only if the group's committed offset is this one (default: whatever it is).")
    long offset;

    @Override
    protected void execute(AdminClient admin, PrintWriter out) throws AdminException {
        String addr = brokerAddress(admin);
        SkippedMessage skipped;
        try {
            skipped = admin.groups().skipPoisonMessage(addr, group.trim(), topic.trim(), queueId, offset);
        } catch (AdminException e) {
            if (e.code() == ResponseCode.REQUEST_CODE_NOT_SUPPORTED) {
                throw new CommandFailure("broker " + addr + " does not support skipPoisonMessage (not an Apogee "
                        + "broker?): " + e.getMessage());
            }
            throw e;
        }
        out.printf("skipped message %s (offsetMsgId %s) at offset %d of topic %s queue %d on %s for group %s%n",
                skipped.msgId(), skipped.offsetMsgId(), skipped.queueOffset(), topic.trim(), queueId, addr,
                group.trim());
        out.printf("moved to %s as %s; committed offset now %d; live consumers told: %d%n", skipped.dlqTopic(),
                skipped.dlqOffsetMsgId(), skipped.nextOffset(), skipped.clientsTold());
    }

    private String brokerAddress(AdminClient admin) throws AdminException {
        if (broker != null && broker.contains(":")) {
            return broker.trim();
        }
        if (broker != null) {
            return Targets.masterInRoute(admin.route(topic.trim()), topic.trim(), broker.trim());
        }
        Map<String, String> masters = Targets.topicMasters(admin, topic.trim());
        if (masters.size() != 1) {
            throw new CommandFailure("topic [" + topic.trim() + "] is on " + masters.size() + " brokers "
                    + masters.keySet() + ": give -b");
        }
        return masters.values().iterator().next();
    }
}
