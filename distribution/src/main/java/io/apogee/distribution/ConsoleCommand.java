package io.apogee.distribution;

import io.apogee.common.Lifecycle;
import io.apogee.common.config.ConfigException;
import io.apogee.console.ConsoleConfig;
import io.apogee.console.ConsoleServer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code apogee console -n host:port[;host:port] [-c console.conf] [-p [--describe]] [key=value...]}: the web
 * console alone, against any cluster (Apogee or Apache RocketMQ: it speaks only the admin protocol). The name
 * servers come from {@code -n}, else {@code consoleNamesrvAddr}, else {@code NAMESRV_ADDR}, else 127.0.0.1:9876.
 *
 * <p>Not thread-safe; used once on the main thread.
 */
@Command(name = "console", mixinStandardHelpOptions = true,
        description = "Run the web console against a cluster's name servers.")
final class ConsoleCommand extends LaunchCommand {

    @Option(names = {"-n", "--namesrvAddr"}, paramLabel = "HOST:PORT[;HOST:PORT]",
            description = "Name servers of the cluster (default: consoleNamesrvAddr, NAMESRV_ADDR, 127.0.0.1:9876).")
    String namesrvAddr;

    @Option(names = {"-c", "--configFile"}, paramLabel = "FILE", description = "Console config file.")
    Path configFile;

    private final ConsoleConfig config = new ConsoleConfig();
    private ConsoleServer server;

    @Override
    Object[] bindConfigs() {
        ConfigSources.bind(configFile, overrides, config);
        if (namesrvAddr != null) {
            ConfigSources.set("consoleNamesrvAddr", namesrvAddr, config);
        }
        if (config.consoleNamesrvAddr.isBlank()) {
            String env = System.getenv("NAMESRV_ADDR");
            config.consoleNamesrvAddr = env == null || env.isBlank() ? "127.0.0.1:9876" : env.trim();
        }
        if (namesrvs().isEmpty()) {
            throw ConfigException.invalidValue("consoleNamesrvAddr", config.consoleNamesrvAddr,
                    "name servers are written host:port, separated by ';'");
        }
        return new Object[] {config};
    }

    private List<String> namesrvs() {
        return Arrays.stream(config.consoleNamesrvAddr.split(";")).map(String::trim).filter(s -> s.contains(":"))
                .toList();
    }

    @Override
    String reference() {
        return ConfigDocument.consoleSection();
    }

    @Override
    Lifecycle createServer() {
        config.consoleEnable = true;
        server = new ConsoleServer(config, namesrvs());
        return server;
    }

    @Override
    List<String> bootLines() {
        return BootMessages.console(server);
    }
}
