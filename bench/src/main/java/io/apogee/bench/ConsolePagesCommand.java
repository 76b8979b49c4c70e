package io.apogee.bench;

import io.apogee.remoting.body.TopicConfig;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.admin.BrokerLocator;
import io.apogee.tools.admin.OutgoingMessage;
import io.apogee.tools.message.MessageQueue;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code console-pages}: how long the web console takes to answer its pages on a cluster with many topics and
 * groups. Creates {@code --topics} topics ({@code BenchConsoleTopic<i>}) and {@code --groups} subscription groups
 * ({@code BenchConsoleGroup<i>}, each with a committed offset on one topic, so every group row has progress to
 * show) on the cluster's first master, logs in, fetches each page three times to warm up, then {@code --samples}
 * times, and prints per page {@code page.<name>.p50.ms}, {@code .p99.ms}, {@code .max.ms} and {@code .bytes}.
 * The time is the whole HTTP exchange from this process: the console's own calls to name server and broker
 * included. A page answering anything but 200 fails the run.
 *
 * <p>Run: {@code bench/console-pages.sh} (starts a standalone server with its console). Not thread-safe: one
 * invocation per instance.
 */
@Command(name = "console-pages", mixinStandardHelpOptions = true,
        description = "Times the web console's pages on a cluster with many topics and groups.")
final class ConsolePagesCommand implements Callable<Integer> {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final String TOPIC = "BenchConsoleTopic";
    private static final String GROUP = "BenchConsoleGroup";

    @Option(names = "-n", required = true, description = "Name server host:port.")
    String namesrv;

    @Option(names = "--console", required = true, description = "Console base URL, e.g. http://127.0.0.1:8080.")
    String console;

    @Option(names = "--user", defaultValue = "admin", description = "Console user (default ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--password-env", defaultValue = "APOGEE_CONSOLE_PASSWORD",
            description = "Environment variable holding the password (default ${DEFAULT-VALUE}).")
    String passwordEnv;

    @Option(names = "--topics", defaultValue = "1000", description = "Topics to create (default ${DEFAULT-VALUE}).")
    int topics;

    @Option(names = "--groups", defaultValue = "1000", description = "Groups to create (default ${DEFAULT-VALUE}).")
    int groups;

    @Option(names = "--samples", defaultValue = "30", description = "Fetches per page (default ${DEFAULT-VALUE}).")
    int samples;

    @Spec
    CommandSpec spec;

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Override
    public Integer call() throws Exception {
        BenchReport report = new BenchReport().put("scenario", "console-pages").put("topics", topics)
                .put("groups", groups);
        try (AdminClient admin = new AdminClient(List.of(namesrv), AdminClient.DEFAULT_TIMEOUT_MILLIS)) {
            long t = System.nanoTime();
            fill(admin);
            report.putMillis("setup.ms", System.nanoTime() - t);
        }
        logIn();
        Map<String, String> pages = Map.of("cluster", "/", "topics", "/topics", "topics.page10", "/topics?page=10",
                "topic", "/topics/view?topic=" + TOPIC + "7", "groups", "/groups", "groups.page10", "/groups?page=10",
                "group", "/groups/view?group=" + GROUP + "7", "producers", "/producers?group=BenchConsoleProducer",
                "dlq", "/dlq", "messages", "/messages");
        for (String name : new TreeSet<>(pages.keySet())) {
            time(name, pages.get(name), report);
        }
        report.put("status", "OK").print(spec.commandLine().getOut());
        return 0;
    }

    private void fill(AdminClient admin) throws AdminException {
        String addr = BrokerLocator.clusterMasters(admin.clusterInfo(), admin.clusterInfo().clusterAddrTable.keySet()
                .iterator().next()).values().iterator().next();
        String brokerName = BrokerLocator.brokerNameOf(admin.clusterInfo(), addr).orElseThrow();
        for (int i = 0; i < topics; i++) {
            admin.createOrUpdateTopic(addr, new TopicConfig(TOPIC + i, 4, 6));
        }
        MessageQueue queue = new MessageQueue(TOPIC + "7", brokerName, 0);
        for (int i = 0; i < 100; i++) {
            admin.messages().send(addr, "BenchConsoleProducer", queue, new OutgoingMessage(queue.topic(), "TagA",
                    "key" + i, ("message " + i).getBytes(StandardCharsets.UTF_8)));
        }
        for (int i = 0; i < groups; i++) {
            admin.groups().createOrUpdateSubscriptionGroup(addr, Map.of("groupName", GROUP + i));
            admin.messages().updateConsumerOffset(addr, GROUP + i, queue, i % 100);
        }
    }

    private void logIn() throws IOException, InterruptedException {
        String password = System.getenv(passwordEnv);
        if (password == null) {
            throw new IllegalStateException("set the console password in $" + passwordEnv);
        }
        Matcher token = CSRF.matcher(get("/login").body());
        if (!token.find()) {
            throw new IllegalStateException("no CSRF token on " + console + "/login");
        }
        String form = "_csrf=" + token.group(1) + "&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(console + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 302) {
            throw new IllegalStateException("login as " + user + " failed: HTTP " + answer.statusCode());
        }
    }

    private void time(String name, String path, BenchReport report) throws IOException, InterruptedException {
        Histogram latency = new Histogram(60_000_000_000L, 3);
        int bytes = 0;
        for (int i = 0; i < samples + 3; i++) {
            long t = System.nanoTime();
            HttpResponse<String> answer = get(path);
            long nanos = System.nanoTime() - t;
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(path + " answered HTTP " + answer.statusCode());
            }
            bytes = answer.body().length();
            if (i >= 3) {
                latency.recordValue(nanos);
            }
        }
        String p = "page." + name;
        report.put(p + ".p50.ms", latency.getValueAtPercentile(50) / 1e6)
                .put(p + ".p99.ms", latency.getValueAtPercentile(99) / 1e6)
                .put(p + ".max.ms", latency.getMaxValue() / 1e6).put(p + ".bytes", bytes);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(console + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
