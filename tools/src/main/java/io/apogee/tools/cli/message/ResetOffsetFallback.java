package io.apogee.tools.cli.message;

import io.apogee.remoting.body.ConsumeStats;
import io.apogee.remoting.body.MessageQueueBody;
import io.apogee.remoting.body.OffsetWrapper;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.cli.Formats;
import io.apogee.tools.cli.QueueRows;
import io.apogee.tools.cli.Targets;
import io.apogee.tools.message.MessageQueue;
import java.io.PrintWriter;
import java.util.Map;

/**
 * The old way of {@code resetOffsetByTime}, used when a broker answers 222 with 206 (no live consumer, Apache's
 * classic reset): the group's consume stats (208), then per queue SEARCH_OFFSET_BY_TIMESTAMP (29) and, unless the
 * found offset is ahead of the committed one and {@code force} is off, UPDATE_CONSUMER_OFFSET (15)
 * (docs/protocol/06-admin.md "resetOffsetNew"). Printed as Apache's ResetOffsetByTimeOldCommand prints it.
 *
 * <p>Stateless, hence thread-safe.
 */
final class ResetOffsetFallback {

    private static final String ROW = "%-20s  %-20s  %-20s  %-20s  %-20s  %-20s%n";

    private ResetOffsetFallback() {
    }

    static void reset(AdminClient admin, PrintWriter out, String group, String topic, long timestamp, boolean force,
                      String timestampText) throws AdminException {
        ConsumeStats stats = admin.consumeStats(group, topic);
        Map<String, String> masters = Targets.topicMasters(admin, topic);
        out.printf("reset consumer offset by specified consumerGroup[%s], topic[%s], force[%s], "
                + "timestamp(string)[%s], timestamp(long)[%s]%n", group, topic, force, timestampText, timestamp);
        out.printf(ROW, "#brokerName", "#queueId", "#brokerOffset", "#consumerOffset", "#timestampOffset",
                "#resetOffset");
        for (Map.Entry<MessageQueueBody, OffsetWrapper> e
                : QueueRows.sorted(stats.offsetTable).entrySet()) {
            MessageQueue queue = new MessageQueue(e.getKey().topic, e.getKey().brokerName, e.getKey().queueId);
            String addr = masters.get(queue.brokerName());
            if (addr == null || !queue.topic().equals(topic)) {
                continue;
            }
            OffsetWrapper o = e.getValue();
            long found = timestamp == -1 ? o.brokerOffset : admin.messages().searchOffset(addr, queue, timestamp);
            long reset = o.consumerOffset;
            if (force || found <= o.consumerOffset) {
                reset = found;
                admin.messages().updateConsumerOffset(addr, group, queue, reset);
            }
            out.printf("%-20s  %-20d  %-20d  %-20d  %-20d  %-20d%n", Formats.cut(queue.brokerName(), 32),
                    queue.queueId(), o.brokerOffset, o.consumerOffset, found, reset);
        }
    }
}
