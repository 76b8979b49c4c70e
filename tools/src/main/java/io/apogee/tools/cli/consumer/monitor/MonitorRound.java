package io.apogee.tools.cli.consumer.monitor;

import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.ConsumeStats;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.admin.GroupOperations;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One monitoring round, as Apache's MonitorService.doMonitorWork: the consumer groups are the {@code %RETRY%<group>}
 * topics of the topic list (206); each group's consume stats (208, merged over the masters of its retry route) give
 * one {@code reportUndoneMsgs} line per topic, between Apache's {@code beginRound} and {@code endRound} lines. A
 * group that has consumed nothing (code 206, an empty offset table) has nothing to report; any other failure is a
 * line on stderr and the round goes on with the next group.
 *
 * <p>Not thread-safe; used by the monitor's single thread.
 */
final class MonitorRound {

    private static final String RULE = "=========================================";

    private final AdminClient admin;
    private final MonitorOutput output;

    MonitorRound(AdminClient admin, MonitorOutput output) {
        this.admin = admin;
        this.output = output;
    }

    /** Runs one round; {@code masters} (broker name → master address) serve the delay look-ups. */
    void run(Map<String, String> masters) {
        long begin = System.currentTimeMillis();
        output.line(MonitorOutput.PREFIX + RULE + "beginRound");
        UndoneMsgsTally tally = new UndoneMsgsTally(admin, masters);
        for (String group : groups()) {
            report(group, tally);
        }
        output.line(MonitorOutput.PREFIX + RULE + "endRound");
        output.line("Execute one round monitor work, spent timemills: " + (System.currentTimeMillis() - begin));
    }

    private List<String> groups() {
        List<String> groups = new ArrayList<>();
        try {
            for (String topic : new TreeSet<>(admin.topicList().topicList)) {
                if (topic.startsWith(GroupOperations.RETRY_PREFIX)) {
                    groups.add(topic.substring(GroupOperations.RETRY_PREFIX.length()));
                }
            }
        } catch (AdminException e) {
            output.error("topic list: " + e.getMessage());
        }
        return groups;
    }

    private void report(String group, UndoneMsgsTally tally) {
        try {
            ConsumeStats stats = admin.consumeStats(group, null);
            for (UndoneMsgs undone : tally.of(group, stats)) {
                output.line(undone.line());
            }
        } catch (AdminException e) {
            if (e.code() != ResponseCode.CONSUMER_NOT_ONLINE) {
                output.error("consumer group " + group + ": " + e.getMessage());
            }
        }
    }
}
