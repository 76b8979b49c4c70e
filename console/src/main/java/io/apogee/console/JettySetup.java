package io.apogee.console;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import org.eclipse.jetty.ee10.servlet.SessionHandler;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * How the console's Jetty is set up: address and port from {@link ConsoleConfig}; a small request pool (the
 * console shares its machine with a broker); the session cookie {@value #SESSION_COOKIE} HttpOnly and
 * SameSite=Strict, expiring after {@code consoleSessionMinutes} without a request; the console's CSS and script
 * from {@code /public} and the WebJars; and security headers on every answer.
 *
 * <p>Stateless.
 */
final class JettySetup {

    static final int MAX_THREADS = 16;
    static final String SESSION_COOKIE = "APOGEE_SESSION";

    /** Scripts and styles only from the console itself; no frames, no plugins, forms post only here. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    private JettySetup() {
    }

    static void apply(JavalinConfig cfg, ConsoleConfig config) {
        cfg.startup.showJavalinBanner = false;
        cfg.startup.showOldJavalinVersionWarning = false;
        cfg.jetty.host = config.consoleBindAddress;
        cfg.jetty.port = config.consolePort;
        QueuedThreadPool pool = new QueuedThreadPool(MAX_THREADS, 2);
        pool.setName("console-http");
        pool.setDaemon(true);
        cfg.jetty.threadPool = pool;
        cfg.jetty.modifyServletContextHandler(handler -> {
            SessionHandler sessions = handler.getSessionHandler();
            sessions.setSessionCookie(SESSION_COOKIE);
            sessions.setHttpOnly(true);
            sessions.setSameSite(HttpCookie.SameSite.STRICT);
            sessions.setMaxInactiveInterval(config.consoleSessionMinutes * 60);
        });
        cfg.staticFiles.enableWebjars();
        cfg.staticFiles.add("/public", Location.CLASSPATH);
    }

    static void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("Cache-Control", "no-store");
    }
}
