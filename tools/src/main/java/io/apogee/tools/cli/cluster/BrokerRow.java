package io.apogee.tools.cli.cluster;

import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of {@code clusterList}: a broker and its runtime info (GET_BROKER_RUNTIME_INFO 28, empty when the broker
 * did not answer), printed in Apache's two layouts.
 */
record BrokerRow(String cluster, String brokerName, long brokerId, String addr, Map<String, String> runtime) {

    static BrokerRow fetch(AdminClient admin, String cluster, String brokerName, long id, String addr) {
        Map<String, String> runtime;
        try {
            runtime = admin.runtimeInfo(addr).table;
        } catch (AdminException e) {
            runtime = Map.of();
        }
        return new BrokerRow(cluster, brokerName, id, addr, runtime);
    }

    Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("cluster", cluster);
        map.put("brokerName", brokerName);
        map.put("brokerId", brokerId);
        map.put("addr", addr);
        map.put("runtime", runtime);
        return map;
    }

    static void printBase(PrintWriter out, List<BrokerRow> rows) {
        out.printf("%-22s  %-22s  %-4s  %-22s %-16s  %16s  %30s  %-22s  %-11s  %-12s  %-8s  %-10s%n",
                "#Cluster Name", "#Broker Name", "#BID", "#Addr", "#Version", "#InTPS(LOAD)", "#OutTPS(LOAD)",
                "#Timer(Progress)", "#PCWait(ms)", "#Hour", "#SPACE", "#ACTIVATED");
        for (BrokerRow r : rows) {
            Map<String, String> kv = r.runtime;
            double hour = kv.get("earliestMessageTimeStamp") == null ? 0.0
                    : (System.currentTimeMillis() - number(kv, "earliestMessageTimeStamp")) / 3_600_000.0;
            out.printf("%-22s  %-22s  %-4s  %-22s %-16s  %16s  %30s  %-22s  %11s  %-12s  %-8s  %10s%n",
                    r.cluster, r.brokerName, r.brokerId, r.addr, kv.get("brokerVersionDesc"),
                    String.format("%9.2f(%s,%sms)", first(kv, "putTps"), kv.get("sendThreadPoolQueueSize"),
                            kv.get("sendThreadPoolQueueHeadWaitTimeMills")),
                    String.format("%9.2f(%s,%sms|%s,%sms)", first(kv, "getTransferredTps"),
                            kv.get("pullThreadPoolQueueSize"), kv.get("pullThreadPoolQueueHeadWaitTimeMills"),
                            kv.getOrDefault("ackThreadPoolQueueSize", "N"),
                            kv.getOrDefault("ackThreadPoolQueueHeadWaitTimeMills", "N")),
                    String.format("%d-%d(%.1fw, %.1f, %.1f)", number(kv, "timerReadBehind"),
                            number(kv, "timerOffsetBehind"), number(kv, "timerCongestNum") / 10000.0f,
                            first(kv, "timerEnqueueTps"), first(kv, "timerDequeueTps")),
                    kv.get("pageCacheLockTimeMills"), String.format("%2.2f", hour),
                    String.format("%.4f", first(kv, "commitLogDiskRatio")),
                    Boolean.parseBoolean(kv.get("brokerActive")));
        }
    }

    static void printTotals(PrintWriter out, List<BrokerRow> rows) {
        out.printf("%-16s  %-32s %14s %14s %14s %14s%n", "#Cluster Name", "#Broker Name", "#InTotalYest",
                "#OutTotalYest", "#InTotalToday", "#OutTotalToday");
        for (BrokerRow r : rows) {
            Map<String, String> kv = r.runtime;
            out.printf("%-16s  %-32s %14d %14d %14d %14d%n", r.cluster, r.brokerName,
                    number(kv, "msgPutTotalTodayMorning") - number(kv, "msgPutTotalYesterdayMorning"),
                    number(kv, "msgGetTotalTodayMorning") - number(kv, "msgGetTotalYesterdayMorning"),
                    number(kv, "msgPutTotalTodayNow") - number(kv, "msgPutTotalTodayMorning"),
                    number(kv, "msgGetTotalTodayNow") - number(kv, "msgGetTotalTodayMorning"));
        }
    }

    /** The first space-separated number of a value ("12.5 10.1 9.8"), 0 when absent or not a number. */
    private static double first(Map<String, String> kv, String key) {
        String value = kv.get(key);
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            return Double.parseDouble(value.trim().split(" ")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static long number(Map<String, String> kv, String key) {
        return (long) first(kv, key);
    }
}
