package io.apogee.distribution;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code apogee config-reference} (hidden): prints the configuration reference, exactly the content of
 * {@code docs/CONFIG.md}; {@code bin/apogee config-reference > docs/CONFIG.md} regenerates it.
 *
 * <p>Not thread-safe; picocli calls it once on the main thread.
 */
@Command(name = "config-reference", hidden = true, mixinStandardHelpOptions = true,
        description = "Print the configuration reference (the content of docs/CONFIG.md).")
final class ConfigReferenceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.print(ConfigDocument.text());
        out.flush();
        return 0;
    }
}
