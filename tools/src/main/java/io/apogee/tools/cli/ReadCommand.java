package io.apogee.tools.cli;

import picocli.CommandLine.Option;

/**
 * A command that only reads: adds {@code --json}, which prints the answer as indented JSON ({@link JsonOutput})
 * instead of Apache's text layout.
 *
 * <p>Not thread-safe; one instance runs once on the main thread.
 */
public abstract class ReadCommand extends AdminCommand {

    @Option(names = "--json", description = "Print the result as JSON.")
    protected boolean json;
}
