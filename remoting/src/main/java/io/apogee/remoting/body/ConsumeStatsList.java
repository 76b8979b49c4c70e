package io.apogee.remoting.body;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Answer body of GET_BROKER_CONSUME_STATS (317):
 * {@code {"brokerAddr":"ip:port","consumeStatsList":[{"group":[ConsumeStats,...]},...],"totalDiff":7,
 * "totalInflightDiff":0}} — one single-entry map per consumer group, one {@link ConsumeStats} per topic it
 * consumes; the totals sum {@link ConsumeStats#totalDiff()} and {@link ConsumeStats#inflightDiff()}.
 */
public final class ConsumeStatsList {
    public List<Map<String, List<ConsumeStats>>> consumeStatsList = new ArrayList<>();
    public String brokerAddr;
    public long totalDiff;
    public long totalInflightDiff;
}
