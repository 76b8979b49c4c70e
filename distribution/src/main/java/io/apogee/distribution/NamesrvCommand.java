package io.apogee.distribution;

import io.apogee.common.Lifecycle;
import io.apogee.namesrv.NamesrvConfig;
import io.apogee.namesrv.NamesrvServer;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code apogee namesrv [-c namesrv.conf] [-p [--describe]] [key=value...]}: runs a name server (RocketMQ's
 * {@code mqnamesrv}).
 *
 * <p>Not thread-safe; used once on the main thread.
 */
@Command(name = "namesrv", mixinStandardHelpOptions = true, description = "Run a name server.")
final class NamesrvCommand extends LaunchCommand {

    @Option(names = {"-c", "--configFile"}, paramLabel = "FILE", description = "Name server config file.")
    Path configFile;

    private final NamesrvConfig config = new NamesrvConfig();
    private NamesrvServer server;

    @Override
    Object[] bindConfigs() {
        ConfigSources.bind(configFile, overrides, config);
        return new Object[] {config};
    }

    @Override
    String reference() {
        return ConfigDocument.namesrvSection();
    }

    @Override
    Lifecycle createServer() {
        server = new NamesrvServer(config, configFile);
        return server;
    }

    @Override
    List<String> bootLines() {
        return List.of(BootMessages.namesrv(config, server.port()));
    }
}
