package io.apogee.tools.cli;

import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Base of every mqadmin command: the {@code -n} option, one {@link AdminClient} for the run, and the error rule:
 * a failure the user can act on ({@link AdminException}, {@link CommandFailure}) is one line on stderr,
 * {@code mqadmin <command>: <reason>}, and exit status 1; usage errors are picocli's (exit status 2).
 * Output goes to the command line's writers, so tests capture it.
 *
 * <p>Not thread-safe; one instance runs once on the main thread.
 */
public abstract class AdminCommand implements Callable<Integer> {

    @Spec
    protected CommandSpec spec;

    @Option(names = {"-n", "--namesrvAddr"}, paramLabel = "ADDR",
            description = "Name server address list, eg: '192.168.0.1:9876;192.168.0.2:9876' "
                    + "(default: NAMESRV_ADDR)")
    String namesrvAddr;

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<String> namesrvs = NamesrvAddress.resolve(namesrvAddr);
        try (AdminClient admin = new AdminClient(namesrvs, AdminClient.DEFAULT_TIMEOUT_MILLIS)) {
            execute(admin, out);
            out.flush();
            return 0;
        } catch (AdminException | CommandFailure e) {
            out.flush();
            PrintWriter err = spec.commandLine().getErr();
            String hint = namesrvs.isEmpty() ? " (give -n host:port or set NAMESRV_ADDR)" : "";
            err.println("mqadmin " + spec.name() + ": " + e.getMessage() + hint);
            err.flush();
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** Runs the command, printing to {@code out}. */
    protected abstract void execute(AdminClient admin, PrintWriter out) throws AdminException, InterruptedException;
}
