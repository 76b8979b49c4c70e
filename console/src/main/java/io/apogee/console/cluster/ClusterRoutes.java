package io.apogee.console.cluster;

import io.apogee.console.web.Layout;
import io.apogee.console.web.Views;
import io.apogee.remoting.body.BrokerData;
import io.apogee.remoting.body.ClusterInfo;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /}: the cluster overview. Every name server with whether it answers; every broker of every group with
 * role, version, disk use, today's put/get counts and current rates, each asked on its own, so a broker that does
 * not answer is a red row and the rest of the page still shows; the chart of the cluster's put/get rates of the
 * last hour ({@link RateHistory}).
 *
 * <p>Thread-safe: holds thread-safe collaborators only.
 */
public final class ClusterRoutes {

    private final AdminClient admin;
    private final Views views;
    private final RateHistory rates;

    public ClusterRoutes(AdminClient admin, Views views, RateHistory rates) {
        this.admin = admin;
        this.views = views;
        this.rates = rates;
    }

    /** A name server and whether it answered. */
    public record NamesrvRow(String addr, boolean up, String problem) {
    }

    /** One broker process; {@code problem} is non-empty when it did not answer (then the figures are blank). */
    public record BrokerRow(String cluster, String brokerName, long brokerId, String addr, String version,
                            String diskRatio, String putToday, String getToday, String putTps, String getTps,
                            String problem) {

        public String role() {
            return brokerId == 0 ? "master" : "slave " + brokerId;
        }
    }

    /** The overview's model; {@code problem} is set when the name servers gave no cluster table at all. */
    public record ClusterView(Layout layout, List<NamesrvRow> namesrvs, List<BrokerRow> brokers, String chart,
                              String problem) {
    }

    public void register(RoutesConfig routes) {
        routes.get("/", this::overview);
    }

    private void overview(Context ctx) {
        List<NamesrvRow> namesrvs = new ArrayList<>();
        for (String addr : admin.namesrvAddrs()) {
            try {
                admin.namesrvConfig(addr);
                namesrvs.add(new NamesrvRow(addr, true, ""));
            } catch (AdminException e) {
                namesrvs.add(new NamesrvRow(addr, false, e.getMessage()));
            }
        }
        List<BrokerRow> brokers = new ArrayList<>();
        String problem = "";
        try {
            brokers = brokers(admin.clusterInfo());
        } catch (AdminException e) {
            problem = "No name server gave the cluster table: " + e.getMessage();
        }
        views.render(ctx, "cluster.jte", new ClusterView(views.layout(ctx, "Cluster", "cluster"), namesrvs, brokers,
                chart(rates.samples()), problem));
    }

    private List<BrokerRow> brokers(ClusterInfo info) {
        List<BrokerRow> rows = new ArrayList<>();
        Map<String, String> clusterOf = new TreeMap<>();
        info.clusterAddrTable.forEach((cluster, names) -> names.forEach(name -> clusterOf.put(name, cluster)));
        for (BrokerData group : new TreeMap<>(info.brokerAddrTable).values()) {
            String cluster = clusterOf.getOrDefault(group.brokerName, group.cluster);
            new TreeMap<>(group.brokerAddrs).forEach((id, addr) -> rows.add(row(cluster, group.brokerName, id, addr)));
        }
        return rows;
    }

    private BrokerRow row(String cluster, String brokerName, long id, String addr) {
        try {
            Map<String, String> t = admin.runtimeInfo(addr).table;
            return new BrokerRow(cluster, brokerName, id, addr, t.getOrDefault("brokerVersionDesc", ""),
                    percent(t.get("commitLogDiskRatio")), t.getOrDefault("msgPutTotalTodayNow", ""),
                    t.getOrDefault("msgGetTotalTodayNow", ""), firstOf(t.get("putTps")),
                    firstOf(t.get("getTransferedTps")), "");
        } catch (AdminException e) {
            return new BrokerRow(cluster, brokerName, id, addr, "", "", "", "", "", "", e.getMessage());
        }
    }

    static String percent(String ratio) {
        try {
            double r = Double.parseDouble(ratio);
            return r < 0 ? "" : String.format(Locale.ROOT, "%.1f %%", r * 100);
        } catch (NumberFormatException | NullPointerException e) {
            return "";
        }
    }

    private static String firstOf(String triple) {
        return String.format(Locale.ROOT, "%.1f", RateHistory.firstRate(triple));
    }

    /** The samples as uPlot's data: {@code [[epochSeconds...],[put...],[get...]]}. */
    static String chart(List<RateHistory.Sample> samples) {
        StringBuilder times = new StringBuilder();
        StringBuilder puts = new StringBuilder();
        StringBuilder gets = new StringBuilder();
        for (RateHistory.Sample s : samples) {
            String sep = times.length() == 0 ? "" : ",";
            times.append(sep).append(s.epochSecond());
            puts.append(sep).append(String.format(Locale.ROOT, "%.2f", s.putTps()));
            gets.append(sep).append(String.format(Locale.ROOT, "%.2f", s.getTps()));
        }
        return "[[" + times + "],[" + puts + "],[" + gets + "]]";
    }
}
