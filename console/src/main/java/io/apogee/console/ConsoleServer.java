package io.apogee.console;

import io.apogee.common.Lifecycle;
import io.apogee.console.audit.AuditLog;
import io.apogee.console.audit.Changes;
import io.apogee.console.auth.AccessGuard;
import io.apogee.console.auth.Authenticator;
import io.apogee.console.auth.LoginRoutes;
import io.apogee.console.auth.UserFile;
import io.apogee.console.cluster.ClusterRoutes;
import io.apogee.console.cluster.RateHistory;
import io.apogee.console.dlq.DlqRoutes;
import io.apogee.console.group.GroupRoutes;
import io.apogee.console.message.MessageRoutes;
import io.apogee.console.producer.ProducerRoutes;
import io.apogee.console.topic.TopicRoutes;
import io.apogee.console.web.ErrorPages;
import io.apogee.console.web.Views;
import io.apogee.tools.admin.AdminClient;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web console as one server part: an {@link AdminClient} to the name servers, the users file, the audit log,
 * the rate sampler of the overview chart, and a Javalin (Jetty) server with the pages. Every page asks the cluster
 * through the admin protocol only, so the console works against Apogee and Apache RocketMQ alike.
 *
 * <p>Threads: Jetty's request pool (at most {@value JettySetup#MAX_THREADS}) runs the handlers, which call the
 * cluster synchronously; one daemon thread samples rates ({@link RateHistory}); dead-letter replays run on their own
 * daemon thread each. {@link #start()} and {@link #close()} are synchronized.
 */
public final class ConsoleServer implements Lifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);

    private final ConsoleConfig config;
    private final List<String> namesrvAddrs;
    private AdminClient admin;
    private RateHistory rates;
    private DlqRoutes dlq;
    private Javalin app;
    private Optional<String> generatedPassword = Optional.empty();
    private Path usersFile;

    public ConsoleServer(ConsoleConfig config, List<String> namesrvAddrs) {
        this.config = config;
        this.namesrvAddrs = List.copyOf(namesrvAddrs);
    }

    @Override
    public synchronized void start() throws Exception {
        Path dataDir = dataDir(config);
        usersFile = dataDir.resolve("users.properties");
        generatedPassword = UserFile.createIfAbsent(usersFile);
        Authenticator authenticator = new Authenticator(UserFile.load(usersFile));
        AuditLog audit = new AuditLog(dataDir.resolve("audit.log"));
        Changes changes = new Changes(audit);
        Views views = new Views();
        admin = new AdminClient(namesrvAddrs, AdminClient.DEFAULT_TIMEOUT_MILLIS);
        rates = new RateHistory(admin);
        rates.start();
        dlq = new DlqRoutes(admin, views, changes);
        LoginRoutes login = new LoginRoutes(authenticator, views, audit);
        app = Javalin.create(cfg -> {
            JettySetup.apply(cfg, config);
            cfg.routes.before(AccessGuard::check);
            cfg.routes.before(JettySetup::securityHeaders);
            login.register(cfg.routes);
            new ClusterRoutes(admin, views, rates).register(cfg.routes);
            new TopicRoutes(admin, views, changes).register(cfg.routes);
            new GroupRoutes(admin, views, changes).register(cfg.routes);
            new ProducerRoutes(admin, views).register(cfg.routes);
            new MessageRoutes(admin, views, changes).register(cfg.routes);
            dlq.register(cfg.routes);
            ErrorPages.register(cfg.routes, views);
        });
        app.start();
        LOG.info("Console on {} for name servers {}; users {}, audit log {}", url(), namesrvAddrs, usersFile,
                audit.file());
    }

    /** The base URL, e.g. http://127.0.0.1:8080; only after {@link #start()}. */
    public synchronized String url() {
        String host = config.consoleBindAddress.equals("0.0.0.0") ? "127.0.0.1" : config.consoleBindAddress;
        return "http://" + host + ":" + app.port();
    }

    public synchronized int port() {
        return app.port();
    }

    /** The admin password generated at this start (the users file did not exist), to print once; else empty. */
    public synchronized Optional<String> generatedPassword() {
        return generatedPassword;
    }

    public synchronized Path usersFile() {
        return usersFile;
    }

    /** The data directory: {@code consoleDataDir}, or ~/apogee/console. */
    public static Path dataDir(ConsoleConfig config) {
        return config.consoleDataDir.isBlank() ? Path.of(System.getProperty("user.home"), "apogee", "console")
                : Path.of(config.consoleDataDir);
    }

    @Override
    public synchronized void close() {
        if (app != null) {
            app.stop();
        }
        if (dlq != null) {
            dlq.close();
        }
        if (rates != null) {
            rates.close();
        }
        if (admin != null) {
            admin.close();
        }
    }
}
