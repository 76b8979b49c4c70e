package io.apogee.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code apogee bench <scenario> -n 127.0.0.1:PORT [options]}: the load tool. It drives any RocketMQ-protocol
 * server through the Apache {@code rocketmq-client} 5.4.0, so the same code measures Apogee and Apache RocketMQ.
 * Scenarios: {@code produce}, {@code produce-async}, {@code consume}, {@code e2e}; {@code jmh [JMH options]}
 * runs the micro-benchmarks of {@code io.apogee.bench.jmh} (JMH's own command line); {@code soak-produce} and
 * {@code soak-verify} are the two halves of a kill -9 soak cycle (driven by {@code bench/soak.sh}); {@code index}
 * measures the message index on its own ({@link IndexBenchCommand}, no server); {@code timers} measures timer
 * messages ({@link TimersCommand}).
 *
 * <p>Not thread-safe; used once on the main thread.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Load tool for RocketMQ-protocol servers (Apogee or Apache RocketMQ).",
        subcommands = {ProduceCommand.class, ProduceAsyncCommand.class, ConsumeCommand.class, E2eCommand.class,
            SummarizeCommand.class, SoakProduceCommand.class, SoakVerifyCommand.class, IndexBenchCommand.class,
            ConsolePagesCommand.class, TimersCommand.class})
public final class BenchMain {

    /** Exit code for bad option values (as picocli's own usage errors). */
    static final int USAGE_ERROR = 2;

    private BenchMain() {
    }

    /** Runs one scenario and exits with its status (0 ok, 1 failed run, 2 bad usage). */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("jmh")) {
            String[] rest = new String[args.length - 1];
            System.arraycopy(args, 1, rest, 0, rest.length);
            org.openjdk.jmh.Main.main(rest);
            return;
        }
        System.exit(commandLine().execute(args));
    }

    /** The picocli command line of the tool (tests execute scenarios through it). */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new BenchMain());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                cmd.getErr().println("bench " + cmd.getCommandName() + ": " + e.getMessage());
                cmd.getErr().flush();
                return USAGE_ERROR;
            }
            throw e;
        });
        return cli;
    }
}
