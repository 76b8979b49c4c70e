package io.apogee.tools.cli.namesrv;

import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.cli.AdminCommand;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code updateKvConfig -s NAMESPACE -k KEY -v VALUE} (PUT_KV_CONFIG 100) and {@code deleteKvConfig -s NAMESPACE
 * -k KEY} (DELETE_KV_CONFIG 102), sent to every name server.
 *
 * <p>Not thread-safe; runs once.
 */
final class KvConfigCommands {

    private KvConfigCommands() {
    }

    @Command(name = "updateKvConfig", mixinStandardHelpOptions = true, description = "Create or update KV config.")
    static final class UpdateKvConfig extends AdminCommand {

        @Option(names = {"-s", "--namespace"}, required = true, description = "Namespace.")
        String namespace;

        @Option(names = {"-k", "--key"}, required = true, description = "Key.")
        String key;

        @Option(names = {"-v", "--value"}, required = true, description = "Value.")
        String value;

        @Override
        protected void execute(AdminClient admin, PrintWriter out) throws AdminException {
            admin.putKvConfig(namespace.trim(), key.trim(), value.trim());
            out.printf("create or update kv config to namespace success.%n");
        }
    }

    @Command(name = "deleteKvConfig", mixinStandardHelpOptions = true, description = "Delete KV config.")
    static final class DeleteKvConfig extends AdminCommand {

        @Option(names = {"-s", "--namespace"}, required = true, description = "Namespace.")
        String namespace;

        @Option(names = {"-k", "--key"}, required = true, description = "Key.")
        String key;

        @Override
        protected void execute(AdminClient admin, PrintWriter out) throws AdminException {
            admin.deleteKvConfig(namespace.trim(), key.trim());
            out.printf("delete kv config from namespace success.%n");
        }
    }
}
