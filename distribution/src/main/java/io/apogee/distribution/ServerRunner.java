package io.apogee.distribution;

import io.apogee.common.Lifecycle;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a server, prints its boot lines, and keeps the calling thread until the JVM is asked to stop
 * (SIGTERM, SIGINT): a shutdown hook then closes the server gracefully and logs {@code shutdown complete}.
 * The hook is installed before starting, so a stop request during start-up closes the server once it is up
 * (servers' start and close are synchronized).
 *
 * <p>Thread-safe: the only shared state is the latch between the shutdown hook and the waiting thread.
 */
final class ServerRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ServerRunner.class);

    /** Exit code when a server fails to start (port in use, store locked, ...). */
    static final int START_FAILED = 1;

    private ServerRunner() {
    }

    static int runUntilStopped(Lifecycle server, Supplier<List<String>> bootLines, PrintWriter out,
                               PrintWriter err) {
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> stop(server, stopped), "apogee-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            server.start();
        } catch (Exception e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            server.close();
            LOG.debug("start failed", e);
            err.println("Start failed: " + describe(e));
            err.flush();
            return START_FAILED;
        }
        for (String line : bootLines.get()) {
            out.println(line);
        }
        out.flush();
        awaitQuietly(stopped);
        return 0;
    }

    private static void stop(Lifecycle server, CountDownLatch stopped) {
        LOG.info("shutdown requested, stopping");
        try {
            server.close();
            LOG.info("shutdown complete");
        } catch (Throwable t) {
            LOG.error("shutdown failed", t);
        } finally {
            stopped.countDown();
        }
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && text.indexOf(message) < 0) {
                text.append(" (").append(message).append(')');
            }
        }
        return text.toString();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
