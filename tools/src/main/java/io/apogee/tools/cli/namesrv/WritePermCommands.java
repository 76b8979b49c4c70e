package io.apogee.tools.cli.namesrv;

import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.cli.AdminCommand;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code wipeWritePerm -b BROKER_NAME} (WIPE_WRITE_PERM_OF_BROKER 205) and {@code addWritePerm -b BROKER_NAME}
 * (ADD_WRITE_PERM_OF_BROKER 327) on every name server, one line per name server with the number of topics changed.
 * A name server that refuses is reported on its line, as Apache does; the exit status is then 1.
 *
 * <p>Not thread-safe; runs once.
 */
final class WritePermCommands {

    private WritePermCommands() {
    }

    @Command(name = "wipeWritePerm", mixinStandardHelpOptions = true, description = "Wipe write perm of broker in "
            + "all name server you defined in the -n param.")
    static final class WipeWritePerm extends OnEveryNamesrv {

        WipeWritePerm() {
            super("wipe");
        }

        @Override
        int change(AdminClient admin, String namesrv, String broker) throws AdminException {
            return admin.wipeWritePerm(namesrv, broker);
        }
    }

    @Command(name = "addWritePerm", mixinStandardHelpOptions = true, description = "Add write perm of broker in all "
            + "name server you defined in the -n param.")
    static final class AddWritePerm extends OnEveryNamesrv {

        AddWritePerm() {
            super("add");
        }

        @Override
        int change(AdminClient admin, String namesrv, String broker) throws AdminException {
            return admin.addWritePerm(namesrv, broker);
        }
    }

    /** The {@code -b} option and the per-name-server loop both commands share; {@code verb} starts each line. */
    abstract static class OnEveryNamesrv extends AdminCommand {

        private final String verb;

        @Option(names = {"-b", "--brokerName"}, required = true, description = "Broker name.")
        String brokerName;

        OnEveryNamesrv(String verb) {
            this.verb = verb;
        }

        abstract int change(AdminClient admin, String namesrv, String broker) throws AdminException;

        @Override
        protected void execute(AdminClient admin, PrintWriter out) throws AdminException {
            String broker = brokerName.trim();
            AdminException failure = null;
            for (String namesrv : admin.namesrvAddrs()) {
                try {
                    int count = change(admin, namesrv, broker);
                    out.printf("%s write perm of broker[%s] in name server[%s] OK, %d%n", verb, broker, namesrv,
                            count);
                } catch (AdminException e) {
                    out.printf("%s write perm of broker[%s] in name server[%s] Failed%n", verb, broker, namesrv);
                    failure = e;
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }
}
