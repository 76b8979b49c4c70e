package io.apogee.console.group;

import io.apogee.console.cluster.Masters;
import io.apogee.console.web.Links;
import io.apogee.console.web.Times;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.ConsumeStats;
import io.apogee.remoting.body.ConsumerConnection;
import io.apogee.remoting.body.MessageQueueBody;
import io.apogee.remoting.body.OffsetWrapper;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What the group pages read from the cluster, master by master, so that one master that fails only leaves its part
 * out: the subscription groups, a group's consume progress per queue (GET_CONSUME_STATS) and its live clients
 * (GET_CONSUMER_CONNECTION_LIST).
 *
 * <p>Thread-safe: holds only the thread-safe {@link AdminClient}.
 */
public final class GroupQueries {

    /** A row of the group list; {@code clients} -1 when unknown. */
    public record GroupRow(String name, long lag, int clients, String link) {
    }

    /** One queue of a group's progress. */
    public record ProgressRow(String topic, String brokerName, int queueId, long brokerOffset, long consumerOffset,
                              String lastConsumed) {
        public long lag() {
            return Math.max(0, brokerOffset - Math.max(0, consumerOffset));
        }
    }

    private final AdminClient admin;

    GroupQueries(AdminClient admin) {
        this.admin = admin;
    }

    /** Every subscription group on any master whose name contains {@code query}; built-in ones only if {@code all}. */
    List<String> names(String query, boolean all, Masters masters, List<String> problems) {
        String needle = query.toLowerCase(Locale.ROOT);
        TreeSet<String> names = new TreeSet<>();
        for (Map.Entry<String, String> master : masters.byName().entrySet()) {
            try {
                names.addAll(admin.groups().allSubscriptionGroups(master.getValue()).subscriptionGroupTable.keySet());
            } catch (AdminException e) {
                problems.add("Broker " + master.getKey() + " did not list its groups: " + e.getMessage());
            }
        }
        names.removeIf(name -> !name.toLowerCase(Locale.ROOT).contains(needle) || !all && isBuiltIn(name));
        return new ArrayList<>(names);
    }

    /** Groups the brokers create for themselves and the tools. */
    static boolean isBuiltIn(String group) {
        return group.startsWith("CID_RMQ_SYS_") || group.startsWith("CID_SYS_RMQ_") || group.equals("TOOLS_CONSUMER")
                || group.equals("FILTERSRV_CONSUMER") || group.equals("SELF_TEST_C_GROUP")
                || group.equals("CID_ONSAPI_OWNER") || group.equals("CID_ONSAPI_PERMISSION")
                || group.equals("CID_ONSAPI_PULL") || group.equals("CID_ONS-HTTP-PROXY");
    }

    GroupRow row(String group, Masters masters) {
        long lag = 0;
        for (ProgressRow p : progress(group, masters, new ArrayList<>())) {
            lag += p.lag();
        }
        int clients = connection(group, masters).map(c -> c.connectionSet.size()).orElse(0);
        return new GroupRow(group, lag, clients, Links.group(group));
    }

    /** The group's progress on every master, by topic, broker and queue. */
    List<ProgressRow> progress(String group, Masters masters, List<String> problems) {
        List<ProgressRow> rows = new ArrayList<>();
        for (Map.Entry<String, String> master : masters.byName().entrySet()) {
            ConsumeStats stats;
            try {
                stats = admin.groups().consumeStats(master.getValue(), group, null);
            } catch (AdminException e) {
                if (e.code() != ResponseCode.CONSUMER_NOT_ONLINE) {
                    problems.add("Broker " + master.getKey() + " gave no progress: " + e.getMessage());
                }
                continue;
            }
            for (Map.Entry<MessageQueueBody, OffsetWrapper> q : stats.offsetTable.entrySet()) {
                OffsetWrapper o = q.getValue();
                rows.add(new ProgressRow(q.getKey().topic, q.getKey().brokerName, q.getKey().queueId, o.brokerOffset,
                        o.consumerOffset, Times.of(o.lastTimestamp)));
            }
        }
        rows.sort(Comparator.comparing(ProgressRow::topic).thenComparing(ProgressRow::brokerName)
                .thenComparingInt(ProgressRow::queueId));
        return rows;
    }

    /** The live clients and subscriptions of the group, from the first master that knows them. */
    Optional<ConsumerConnection> connection(String group, Masters masters) {
        for (String addr : masters.byName().values()) {
            try {
                ConsumerConnection c = admin.groups().consumerConnection(addr, group);
                if (!c.connectionSet.isEmpty()) {
                    return Optional.of(c);
                }
            } catch (AdminException e) {
                // not online on this master; try the next
            }
        }
        return Optional.empty();
    }
}
