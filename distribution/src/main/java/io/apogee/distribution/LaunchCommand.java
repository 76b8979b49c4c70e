package io.apogee.distribution;

import io.apogee.common.Lifecycle;
import io.apogee.common.config.ConfigBinder;
import io.apogee.common.config.ConfigException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What every server subcommand does: bind its configuration and check every key against its range, then either
 * print it ({@code -p}: effective values; {@code -p --describe}: the reference of the command's keys) or start
 * the server and run until stopped. A configuration error prints one message on stderr and returns exit code
 * {@link #CONFIG_ERROR}, without a stack trace.
 *
 * <p>Not thread-safe; picocli calls it once on the main thread.
 */
abstract class LaunchCommand implements Callable<Integer> {

    /** Exit code of a configuration error (same as picocli's usage error). */
    static final int CONFIG_ERROR = 2;

    @Spec
    CommandSpec spec;

    @Option(names = {"-p", "--printConfigItem"},
            description = "Print every config key with its effective value and exit.")
    boolean printConfig;

    @Option(names = {"-m", "--printImportantConfig"},
            description = "Same as -p (accepted for RocketMQ compatibility).")
    boolean printImportantConfig;

    @Option(names = "--describe",
            description = "With -p (or alone): print the reference of this command's keys (type, default, "
                    + "legal values, meaning) instead of their values, and exit.")
    boolean describe;

    @Parameters(paramLabel = "key=value", arity = "0..*",
            description = "Config settings that override the config file, e.g. autoCreateTopicEnable=false.")
    List<String> overrides = new ArrayList<>();

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Object[] configs;
        try {
            configs = bindConfigs();
            ConfigBinder.checkRanges(configs);
        } catch (ConfigException e) {
            err.println("Config error: " + e.getMessage());
            err.flush();
            return CONFIG_ERROR;
        }
        if (describe) {
            out.print(reference());
            out.flush();
            return 0;
        }
        if (printConfig || printImportantConfig) {
            out.print(ConfigBinder.describe(configs));
            out.flush();
            return 0;
        }
        Lifecycle server = createServer();
        return ServerRunner.runUntilStopped(server, this::bootLines, out, err);
    }

    /**
     * Binds file, command-line settings and defaults and runs the checks across keys; returns the config
     * objects, for {@code -p} and the range check.
     */
    abstract Object[] bindConfigs();

    /** The reference of this command's keys, as in {@code docs/CONFIG.md}. */
    abstract String reference();

    /** The server to run, built from the bound configs. */
    abstract Lifecycle createServer();

    /** Lines printed once the server has started. */
    abstract List<String> bootLines();
}
