package io.apogee.tools.cli.broker;

import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.cli.AdminCommand;
import io.apogee.tools.cli.Targets;
import java.io.PrintWriter;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;

/**
 * {@code cleanExpiredCQ} (CLEAN_EXPIRED_CONSUMEQUEUE 306) and {@code cleanUnusedTopic} (CLEAN_UNUSED_TOPIC 316) on
 * one broker ({@code -b}) or every master of a cluster ({@code -c}); print {@code success} as Apache does.
 *
 * <p>Not thread-safe; runs once.
 */
final class CleanCommands {

    private CleanCommands() {
    }

    @Command(name = "cleanExpiredCQ", mixinStandardHelpOptions = true, description = "Clean expired ConsumeQueue "
            + "on broker.")
    static final class CleanExpiredCq extends OnEveryBroker {

        @Override
        void clean(AdminClient admin, String addr) throws AdminException {
            admin.cleanExpiredConsumeQueue(addr);
        }
    }

    @Command(name = "cleanUnusedTopic", mixinStandardHelpOptions = true, description = "Clean unused topic on "
            + "broker.")
    static final class CleanUnusedTopic extends OnEveryBroker {

        @Override
        void clean(AdminClient admin, String addr) throws AdminException {
            admin.cleanUnusedTopic(addr);
        }
    }

    /** The {@code -b | -c} target both commands share: the clean runs on each broker, then one success line. */
    abstract static class OnEveryBroker extends AdminCommand {

        @ArgGroup(exclusive = true, multiplicity = "1")
        BrokerOrCluster target;

        abstract void clean(AdminClient admin, String addr) throws AdminException;

        @Override
        protected void execute(AdminClient admin, PrintWriter out) throws AdminException {
            for (String addr : Targets.brokerOrCluster(admin, target.brokerAddr, target.cluster)) {
                clean(admin, addr);
            }
            out.printf("success%n");
        }
    }
}
