package io.apogee.console;

import static org.awaitility.Awaitility.await;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.apogee.broker.BrokerServer;
import io.apogee.broker.config.BrokerConfig;
import io.apogee.namesrv.NamesrvConfig;
import io.apogee.namesrv.NamesrvServer;
import io.apogee.store.MessageStoreConfig;
import io.apogee.tools.admin.AdminClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real name server and broker ({@code DefaultCluster} / {@code broker-a}, ephemeral ports, store in a temp
 * directory) and a console on a free port against them, with two users: {@value #ADMIN} / {@value #PASSWORD}
 * (admin) and {@value #VIEWER} / {@value #PASSWORD} (read-only). Closing stops all three and removes the directory.
 */
public final class ConsoleFixture implements AutoCloseable {

    public static final String ADMIN = "admin";
    public static final String VIEWER = "viewer";
    public static final String PASSWORD = "s3cret-pass";

    private final Path dir;
    private final NamesrvServer namesrv;
    private final BrokerServer broker;
    private final ConsoleServer console;
    private final AdminClient admin;

    public ConsoleFixture() throws Exception {
        dir = Files.createTempDirectory("apogee-console-test");
        NamesrvConfig namesrvConfig = new NamesrvConfig();
        namesrvConfig.listenPort = 0;
        namesrvConfig.metricsEnable = false;
        namesrvConfig.kvConfigPath = dir.resolve("namesrv/kvConfig.json").toString();
        namesrv = new NamesrvServer(namesrvConfig);
        namesrv.start();
        BrokerConfig brokerConfig = new BrokerConfig();
        brokerConfig.listenPort = 0;
        brokerConfig.metricsEnable = false;
        brokerConfig.brokerIP1 = "127.0.0.1";
        brokerConfig.namesrvAddr = namesrvAddress();
        MessageStoreConfig storeConfig = new MessageStoreConfig();
        storeConfig.storePathRootDir = dir.resolve("store").toString();
        storeConfig.mapedFileSizeCommitLog = 4 * 1024 * 1024;
        storeConfig.mapedFileSizeConsumeQueue = 1000 * 20;
        broker = new BrokerServer(brokerConfig, storeConfig);
        broker.start();
        admin = new AdminClient(List.of(namesrvAddress()), 3000);
        await().atMost(Duration.ofSeconds(20)).until(() -> !admin.clusterInfo().brokerAddrTable.isEmpty());
        writeUsers(dir.resolve("console/users.properties"));
        ConsoleConfig config = new ConsoleConfig();
        config.consolePort = 0;
        config.consoleDataDir = dir.resolve("console").toString();
        console = new ConsoleServer(config, List.of(namesrvAddress()));
        console.start();
    }

    /** Users at bcrypt cost 4, so the tests' logins are quick (the console itself generates cost 11). */
    private static void writeUsers(Path file) throws IOException {
        String hash = BCrypt.withDefaults().hashToString(4, PASSWORD.toCharArray());
        Files.createDirectories(file.getParent());
        Files.writeString(file, ADMIN + " = admin:" + hash + "\n" + VIEWER + " = read-only:" + hash + "\n",
                StandardCharsets.UTF_8);
    }

    public String namesrvAddress() {
        return "127.0.0.1:" + namesrv.port();
    }

    public String brokerAddress() {
        return broker.address();
    }

    public String url() {
        return console.url();
    }

    public ConsoleServer console() {
        return console;
    }

    /** An admin client to the cluster, to set up and check what the console shows. */
    public AdminClient admin() {
        return admin;
    }

    public Path auditLog() {
        return dir.resolve("console/audit.log");
    }

    /** A new HTTP session against the console (not logged in). */
    public WebSession session() {
        return new WebSession(url());
    }

    /** A new session logged in as {@code user}. */
    public WebSession loggedIn(String user) throws Exception {
        WebSession session = session();
        session.login(user, PASSWORD);
        return session;
    }

    @Override
    public void close() throws IOException {
        console.close();
        admin.close();
        broker.close();
        namesrv.close();
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
