package io.apogee.distribution;

import io.apogee.tools.MqAdmin;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Command-line entry point of Apogee: {@code apogee standalone|namesrv|broker ...}. The {@code bin/} scripts
 * call this class; {@code bin/mqshutdown} finds the process by this class name and its subcommand.
 *
 * {@code apogee console -n host:port} runs the web console alone; {@code apogee console-user} prints a line of the
 * console's users.properties. {@code apogee config-reference} (hidden) prints {@code docs/CONFIG.md}.
 * {@code apogee mqadmin <command> ...} runs the admin tool ({@link MqAdmin}, also {@code bin/mqadmin}).
 *
 * <p>Exit codes: 0 after a normal stop or {@code -p}; 1 when a server fails to start; 2 for a configuration
 * or usage error.
 *
 * <p>Stateless apart from picocli's parse result; used once on the main thread.
 */
@Command(name = "apogee", mixinStandardHelpOptions = true, version = "Apogee 0.1.0",
        description = "A RocketMQ-compatible message queue.",
        subcommands = {StandaloneCommand.class, NamesrvCommand.class, BrokerCommand.class,
                ConfigReferenceCommand.class, ClusterCommand.class, ConsoleCommand.class,
                ConsolePasswordCommand.class})
public final class ApogeeMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with every subcommand; tests call {@code execute} on it without exiting the JVM. */
    public static CommandLine commandLine() {
        return new CommandLine(new ApogeeMain()).addSubcommand("mqadmin", MqAdmin.commandLine());
    }

    /** Without a subcommand: print usage and fail. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing subcommand: standalone, namesrv or broker");
    }
}
