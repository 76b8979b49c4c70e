package io.apogee.remoting.body;

/**
 * Answer body of VIEW_BROKER_STATS_DATA (315): {@code {"statsDay":BrokerStatsItem,"statsHour":BrokerStatsItem,
 * "statsMinute":BrokerStatsItem}} — one statistic (e.g. TOPIC_PUT_NUMS of a topic) over the last minute, hour and
 * day.
 */
public final class BrokerStatsData {
    public BrokerStatsItem statsMinute;
    public BrokerStatsItem statsHour;
    public BrokerStatsItem statsDay;
}
