package io.apogee.tools.cli.namesrv;

import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.cli.AdminCommand;
import io.apogee.tools.cli.ConfigEntryOptions;
import io.apogee.tools.cli.JsonOutput;
import io.apogee.tools.cli.ReadCommand;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code getNamesrvConfig} (GET_NAMESRV_CONFIG 319 to every name server of {@code -n}) and
 * {@code updateNamesrvConfig -k KEY -v VALUE} (UPDATE_NAMESRV_CONFIG 318 to every name server).
 *
 * <p>Not thread-safe; runs once.
 */
final class NamesrvConfigCommands {

    private NamesrvConfigCommands() {
    }

    @Command(name = "getNamesrvConfig", mixinStandardHelpOptions = true, description = "Get configs of name server.")
    static final class GetNamesrvConfig extends ReadCommand {

        @Override
        protected void execute(AdminClient admin, PrintWriter out) throws AdminException {
            Map<String, Map<String, String>> configs = admin.namesrvConfig();
            if (json) {
                JsonOutput.print(out, configs);
                return;
            }
            configs.forEach((addr, config) -> {
                out.printf("============%s============%n", addr);
                config.forEach((k, v) -> out.printf("%-50s=  %s%n", k, v));
            });
        }
    }

    @Command(name = "updateNamesrvConfig", mixinStandardHelpOptions = true,
            description = "Update configs of name server.")
    static final class UpdateNamesrvConfig extends AdminCommand {

        @Mixin
        ConfigEntryOptions entry;

        @Override
        protected void execute(AdminClient admin, PrintWriter out) throws AdminException {
            admin.updateNamesrvConfig(entry.asMap());
            out.printf("update name server config success!%s%n%s : %s%n", admin.namesrvAddrs(), entry.key(),
                    entry.value());
        }
    }
}
