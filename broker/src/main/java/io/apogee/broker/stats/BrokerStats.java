package io.apogee.broker.stats;

import io.apogee.broker.topic.SystemTopics;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The broker's measured traffic (docs/protocol/06-admin.md, GET_BROKER_RUNTIME_INFO and VIEW_BROKER_STATS_DATA):
 * <ul>
 *   <li>per topic, messages and bytes stored ({@code TOPIC_PUT_NUMS}, {@code TOPIC_PUT_SIZE}, key: the topic);</li>
 *   <li>per topic and consumer group, messages and bytes handed out by pulls ({@code GROUP_GET_NUMS},
 *       {@code GROUP_GET_SIZE}, key {@code topic@group}) and the offset each queue was pulled to;</li>
 *   <li>broker-wide messages put and got outside system topics ({@code BROKER_PUT_NUMS}, {@code BROKER_GET_NUMS},
 *       key: the cluster name), which feed the today/yesterday totals ({@link DayTotals});</li>
 *   <li>rates over 10 s / 1 min / 10 min of every stored message, of gets that found messages, gets that found
 *       none, and messages handed out.</li>
 * </ul>
 * {@link #tick()} is to be called once a second ({@link StatsSampling}): it samples the rates, every 10th call the
 * minute windows, every 600th the hour windows, every 3600th the day windows, and rolls the day totals at local
 * midnight of the given clock.
 *
 * <p>Thread-safe: recording is allocation-free once a topic or group is known (concurrent maps looked up by the
 * strings the request already holds, {@link java.util.concurrent.atomic.LongAdder}s); {@link #tick()} runs on one
 * thread.
 */
public final class BrokerStats {

    public static final String TOPIC_PUT_NUMS = "TOPIC_PUT_NUMS";
    public static final String TOPIC_PUT_SIZE = "TOPIC_PUT_SIZE";
    public static final String GROUP_GET_NUMS = "GROUP_GET_NUMS";
    public static final String GROUP_GET_SIZE = "GROUP_GET_SIZE";
    public static final String BROKER_PUT_NUMS = "BROKER_PUT_NUMS";
    public static final String BROKER_GET_NUMS = "BROKER_GET_NUMS";

    private static final int MINUTE_TICKS = 10;
    private static final int HOUR_TICKS = 600;
    private static final int DAY_TICKS = 3600;

    private final Clock clock;
    private final String clusterName;
    private final ConcurrentHashMap<String, StatsItem[]> topicPuts = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, GroupGetCounters>> groupGets =
            new ConcurrentHashMap<>();
    private final StatsItem brokerPut;
    private final StatsItem brokerGet;
    private final RateCounter put;
    private final RateCounter getFound;
    private final RateCounter getMiss;
    private final RateCounter transferred;
    private final DayTotals days;
    private long ticks;

    /** Statistics of a broker in {@code clusterName}, timed by {@code clock} (whose zone decides midnight). */
    public BrokerStats(Clock clock, String clusterName) {
        this.clock = clock;
        this.clusterName = clusterName;
        long now = clock.millis();
        brokerPut = new StatsItem(now);
        brokerGet = new StatsItem(now);
        put = new RateCounter(now);
        getFound = new RateCounter(now);
        getMiss = new RateCounter(now);
        transferred = new RateCounter(now);
        days = new DayTotals(clock);
    }

    /** Statistics on the system clock; for parts used without a broker (tests, tools). */
    public static BrokerStats unshared() {
        return new BrokerStats(Clock.systemDefaultZone(), "DefaultCluster");
    }

    /** Messages stored in {@code topic} by one put: {@code count} records of {@code bytes} in all. */
    public void recordPut(String topic, int count, long bytes) {
        StatsItem[] items = topicPuts.get(topic);
        if (items == null) {
            items = topicPuts.computeIfAbsent(topic, t -> new StatsItem[] {newItem(), newItem()});
        }
        items[0].add(count);
        items[1].add(bytes);
        put.add(count);
        if (!isSystemTopic(topic)) {
            brokerPut.add(count);
        }
    }

    /** A pull that handed {@code count} messages ({@code bytes}) of a queue to a group, now at offset {@code next}. */
    public void recordGet(String group, String topic, int queueId, int count, long bytes, long next) {
        GroupGetCounters counters = groupCounters(group, topic);
        counters.nums.add(count);
        counters.size.add(bytes);
        counters.pulled(queueId, next);
        getFound.add(1);
        transferred.add(count);
        if (!isSystemTopic(topic)) {
            brokerGet.add(count);
        }
    }

    /** A pull that found no message to hand out. */
    public void recordMiss() {
        getMiss.add(1);
    }

    private GroupGetCounters groupCounters(String group, String topic) {
        ConcurrentHashMap<String, GroupGetCounters> byTopic = groupGets.get(group);
        if (byTopic == null) {
            byTopic = groupGets.computeIfAbsent(group, g -> new ConcurrentHashMap<>());
        }
        GroupGetCounters counters = byTopic.get(topic);
        if (counters == null) {
            counters = byTopic.computeIfAbsent(topic, t -> new GroupGetCounters(clock.millis()));
        }
        return counters;
    }

    private StatsItem newItem() {
        return new StatsItem(clock.millis());
    }

    /**
     * Forgets a deleted topic's statistics (its put counters and every group's get counters and pull offsets on it),
     * so a topic created again under the name starts from zero and deleted topics hold no memory.
     */
    public void forgetTopic(String topic) {
        topicPuts.remove(topic);
        groupGets.values().forEach(byTopic -> byTopic.remove(topic));
    }

    /** Receives the put totals of one topic ({@link #forEachTopicPut}). */
    @FunctionalInterface
    public interface TopicPutVisitor {
        void visit(String topic, long messages, long bytes);
    }

    /** Receives the get totals of one group on one topic ({@link #forEachGroupGet}). */
    @FunctionalInterface
    public interface GroupGetVisitor {
        void visit(String group, String topic, long messages, long bytes);
    }

    /** The totals stored per topic since start (or since the topic was deleted and created again). */
    public void forEachTopicPut(TopicPutVisitor visitor) {
        topicPuts.forEach((topic, items) -> visitor.visit(topic, items[0].value(), items[1].value()));
    }

    /** The totals handed out by pulls per group and topic since start. */
    public void forEachGroupGet(GroupGetVisitor visitor) {
        groupGets.forEach((group, byTopic) -> byTopic.forEach((topic, c) ->
                visitor.visit(group, topic, c.nums.value(), c.size.value())));
    }

    /** Apache's system topics, which the broker-wide totals leave out: internal topics and {@code rmq_sys_*}. */
    public static boolean isSystemTopic(String topic) {
        return topic.startsWith("rmq_sys_") || SystemTopics.isNotSendable(topic)
                || SystemTopics.AUTO_CREATE_TEMPLATE.equals(topic) || SystemTopics.SELF_TEST.equals(topic)
                || SystemTopics.OFFSET_MOVED_EVENT.equals(topic);
    }

    /** Samples rates every call and windows on their periods; rolls the day totals at midnight. Once a second. */
    public void tick() {
        long now = clock.millis();
        ticks++;
        put.sample(now);
        getFound.sample(now);
        getMiss.sample(now);
        transferred.sample(now);
        if (ticks % MINUTE_TICKS == 0) {
            sampleAll(StatsItem.Window.MINUTE, now);
        }
        if (ticks % HOUR_TICKS == 0) {
            sampleAll(StatsItem.Window.HOUR, now);
        }
        if (ticks % DAY_TICKS == 0) {
            sampleAll(StatsItem.Window.DAY, now);
        }
        days.roll(brokerPut.value(), brokerGet.value());
    }

    private void sampleAll(StatsItem.Window window, long now) {
        brokerPut.sample(window, now);
        brokerGet.sample(window, now);
        topicPuts.values().forEach(items -> {
            items[0].sample(window, now);
            items[1].sample(window, now);
        });
        groupGets.values().forEach(byTopic -> byTopic.values().forEach(c -> {
            c.nums.sample(window, now);
            c.size.sample(window, now);
        }));
    }

    /**
     * The statistic {@code statsName} of {@code statsKey} (a topic, {@code topic@group}, or the cluster name), or
     * empty when the name is not one of this class's constants or nothing was recorded for the key.
     */
    public Optional<StatsItem> find(String statsName, String statsKey) {
        return Optional.ofNullable(switch (statsName) {
            case TOPIC_PUT_NUMS -> topicItem(statsKey, 0);
            case TOPIC_PUT_SIZE -> topicItem(statsKey, 1);
            case GROUP_GET_NUMS, GROUP_GET_SIZE -> groupItem(statsName, statsKey);
            case BROKER_PUT_NUMS -> clusterName.equals(statsKey) ? brokerPut : null;
            case BROKER_GET_NUMS -> clusterName.equals(statsKey) ? brokerGet : null;
            default -> null;
        });
    }

    private StatsItem topicItem(String topic, int index) {
        StatsItem[] items = topicPuts.get(topic);
        return items == null ? null : items[index];
    }

    private StatsItem groupItem(String statsName, String topicAtGroup) {
        int at = topicAtGroup.indexOf('@');
        GroupGetCounters c = at < 0 ? null : existing(topicAtGroup.substring(at + 1), topicAtGroup.substring(0, at));
        return c == null ? null : GROUP_GET_NUMS.equals(statsName) ? c.nums : c.size;
    }

    private GroupGetCounters existing(String group, String topic) {
        ConcurrentHashMap<String, GroupGetCounters> byTopic = groupGets.get(group);
        return byTopic == null ? null : byTopic.get(topic);
    }

    /** Messages per second stored in the topic over the last minute (0 when none). */
    public double topicPutTps(String topic) {
        StatsItem item = topicItem(topic, 0);
        return item == null ? 0 : item.snapshot(StatsItem.Window.MINUTE, clock.millis()).tps();
    }

    /** Messages per second the group got from the topic over the last minute (0 when none). */
    public double groupGetTps(String group, String topic) {
        GroupGetCounters c = existing(group, topic);
        return c == null ? 0 : c.nums.snapshot(StatsItem.Window.MINUTE, clock.millis()).tps();
    }

    /** The offset after the last message pulled by the group from the queue, or -1 when it pulled none. */
    public long pullOffset(String group, String topic, int queueId) {
        GroupGetCounters c = existing(group, topic);
        return c == null ? -1 : c.pullOffset(queueId);
    }

    /** The current time of this statistics' clock. */
    public long nowMillis() {
        return clock.millis();
    }

    /** Broker-wide figures for the runtime info. */
    public Totals totals() {
        long now = clock.millis();
        return new Totals(brokerPut.value(), brokerGet.value(), days.putYesterdayMorning(), days.putTodayMorning(),
                days.getYesterdayMorning(), days.getTodayMorning(), put.rates(now), getFound.rates(now),
                getMiss.rates(now), RateCounter.sumOfRates(getFound, getMiss, now), transferred.rates(now),
                put.value());
    }

    /**
     * Broker-wide figures: totals without system topics (now and at the last two midnights) and rate triples
     * {@code "10s 1min 10min"}; {@code storedMessages} counts every stored message, system topics included.
     */
    public record Totals(long putNow, long getNow, long putYesterdayMorning, long putTodayMorning,
                         long getYesterdayMorning, long getTodayMorning, String putTps, String getFoundTps,
                         String getMissTps, String getTotalTps, String getTransferredTps, long storedMessages) {
    }
}
