package io.apogee.tools;

import io.apogee.tools.cli.broker.BrokerCommands;
import io.apogee.tools.cli.cluster.ClusterCommands;
import io.apogee.tools.cli.connection.ConnectionCommands;
import io.apogee.tools.cli.consumer.ConsumerCommands;
import io.apogee.tools.cli.message.MessageCommands;
import io.apogee.tools.cli.namesrv.NamesrvCommands;
import io.apogee.tools.cli.topic.TopicCommands;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code mqadmin <command> [options]}: Apogee's admin tool, with Apache's command names and options (docs/TOOLS.md).
 * Exit status 0 on success, 1 when the command failed (one line on stderr), 2 for a usage error. Run by
 * {@code bin/mqadmin} and {@code apogee mqadmin}.
 *
 * <p>Not thread-safe; one instance serves one run on the main thread.
 */
@Command(name = "mqadmin", mixinStandardHelpOptions = true, version = "Apogee mqadmin 0.1.0",
        description = "Apogee admin tool (RocketMQ mqadmin commands).",
        footer = "%nSee 'mqadmin <command> -h' for the options of one command.")
public final class MqAdmin implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with every command; tests call {@code execute} on it without exiting the JVM. */
    public static CommandLine commandLine() {
        CommandLine line = new CommandLine(new MqAdmin());
        for (List<Object> group : List.of(TopicCommands.all(), ClusterCommands.all(), BrokerCommands.all(),
                MessageCommands.all(), ConsumerCommands.all(), ConnectionCommands.all(), NamesrvCommands.all())) {
            group.forEach(line::addSubcommand);
        }
        return line;
    }

    /** Without a command: list the commands. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
