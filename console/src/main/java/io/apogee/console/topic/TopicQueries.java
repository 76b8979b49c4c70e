package io.apogee.console.topic;

import io.apogee.console.cluster.Masters;
import io.apogee.console.web.Links;
import io.apogee.console.web.Times;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.MessageQueueBody;
import io.apogee.remoting.body.QueueData;
import io.apogee.remoting.body.TopicConfig;
import io.apogee.remoting.body.TopicOffset;
import io.apogee.remoting.body.TopicRouteData;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the topic pages read from the cluster: the filtered topic list (one call to a name server), and for one
 * topic its route, config, per-queue offsets and consuming groups, each part asked on its own so one failing part
 * leaves the others on the page.
 *
 * <p>Thread-safe: holds only the thread-safe {@link AdminClient}.
 */
public final class TopicQueries {

    /** A row of the topic list. */
    public record TopicRow(String name, String kind, String link) {
    }

    /** One queue's offsets on one broker. */
    public record QueueRow(String brokerName, int queueId, long minOffset, long maxOffset, String lastUpdate) {
        public long messages() {
            return maxOffset - minOffset;
        }
    }

    /** The route's entry for one broker group. */
    public record RouteRow(String brokerName, int readQueues, int writeQueues, String perm, String addrs) {
    }

    private final AdminClient admin;

    TopicQueries(AdminClient admin) {
        this.admin = admin;
    }

    /** The topics whose name contains {@code query} (any case), user topics only unless {@code all}. */
    List<TopicRow> list(String query, boolean all, Masters masters) throws AdminException {
        String needle = query.toLowerCase(Locale.ROOT);
        List<TopicRow> rows = new ArrayList<>();
        for (String topic : new TreeSet<>(admin.topicList().topicList)) {
            TopicKind kind = TopicKind.of(topic, masters.isClusterOrBroker(topic));
            if ((all || kind == TopicKind.NORMAL) && topic.toLowerCase(Locale.ROOT).contains(needle)) {
                rows.add(new TopicRow(topic, kind.text(), Links.topic(topic)));
            }
        }
        return rows;
    }

    List<RouteRow> route(TopicRouteData route) {
        Map<String, String> addrs = new TreeMap<>();
        route.brokerDatas.forEach(b -> addrs.put(b.brokerName, brokers(b.brokerAddrs)));
        List<RouteRow> rows = new ArrayList<>();
        for (QueueData q : route.queueDatas) {
            rows.add(new RouteRow(q.brokerName, q.readQueueNums, q.writeQueueNums, permText(q.perm),
                    addrs.getOrDefault(q.brokerName, "")));
        }
        rows.sort((a, b) -> a.brokerName().compareTo(b.brokerName()));
        return rows;
    }

    List<QueueRow> queues(String topic) throws AdminException {
        List<QueueRow> rows = new ArrayList<>();
        for (Map.Entry<MessageQueueBody, TopicOffset> e : admin.topicStats(topic).offsetTable.entrySet()) {
            TopicOffset o = e.getValue();
            rows.add(new QueueRow(e.getKey().brokerName, e.getKey().queueId, o.minOffset, o.maxOffset,
                    Times.of(o.lastUpdateTimestamp)));
        }
        rows.sort((a, b) -> a.brokerName().equals(b.brokerName()) ? Integer.compare(a.queueId(), b.queueId())
                : a.brokerName().compareTo(b.brokerName()));
        return rows;
    }

    /** The groups consuming {@code topic} on any of its masters. */
    List<String> consumers(TopicRouteData route, String topic, Masters masters) throws AdminException {
        TreeSet<String> groups = new TreeSet<>();
        for (QueueData q : route.queueDatas) {
            String addr = masters.byName().get(q.brokerName);
            if (addr != null) {
                groups.addAll(admin.groups().consumersOfTopic(addr, topic).groupList);
            }
        }
        return new ArrayList<>(groups);
    }

    /** The topic's config on the first of its masters that has it. */
    TopicConfig config(TopicRouteData route, String topic, Masters masters) throws AdminException {
        AdminException last = new AdminException(ResponseCode.TOPIC_NOT_EXIST,
                "no master of the topic's route answered");
        for (QueueData q : route.queueDatas) {
            String addr = masters.byName().get(q.brokerName);
            if (addr != null) {
                try {
                    return admin.topicConfig(addr, topic);
                } catch (AdminException e) {
                    last = e;
                }
            }
        }
        throw last;
    }

    /** "master 10.0.0.1:10911, slave 1 10.0.0.2:10911". */
    static String brokers(Map<Long, String> addrs) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(addrs).forEach((id, addr) -> text.append(text.length() == 0 ? "" : ", ")
                .append(id == 0 ? "master " : "slave " + id + " ").append(addr));
        return text.toString();
    }

    static String permText(int perm) {
        boolean read = (perm & TopicConfig.PERM_READ) != 0;
        boolean write = (perm & TopicConfig.PERM_WRITE) != 0;
        return read && write ? "read, write" : read ? "read only" : write ? "write only" : "none";
    }
}
