package io.apogee.distribution;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.common.Lifecycle;
import io.apogee.common.config.ConfigException;
import io.apogee.console.ConsoleConfig;
import io.apogee.namesrv.NamesrvConfig;
import io.apogee.store.BrokerRole;
import io.apogee.store.MessageStoreConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code apogee standalone [-c broker.conf] [--namesrv-port P] [-p [--describe]] [key=value...]}: a name server and a
 * broker in one JVM, the broker registered with the embedded name server. Defaults: name server on 9876,
 * broker on 10911, store under {@code ~/apogee/store}. The broker is always a master (brokerId 0); a SLAVE role
 * is refused, as is any brokerId but 0 ({@link BrokerCommand#validate}).
 *
 * <p>Not thread-safe; used once on the main thread.
 */
@Command(name = "standalone", mixinStandardHelpOptions = true,
        description = "Run a name server and a broker in one process.")
final class StandaloneCommand extends LaunchCommand {

    @Option(names = {"-c", "--configFile"}, paramLabel = "FILE", description = "Broker config file (broker.conf).")
    Path configFile;

    @Option(names = "--namesrv-port", paramLabel = "PORT", defaultValue = "9876",
            description = "Port of the embedded name server (default: ${DEFAULT-VALUE}).")
    String namesrvPort;

    private final NamesrvConfig namesrvConfig = new NamesrvConfig();
    private final BrokerConfig brokerConfig = new BrokerConfig();
    private final MessageStoreConfig storeConfig = new MessageStoreConfig();
    private final ConsoleConfig consoleConfig = new ConsoleConfig();
    private Standalone standalone;

    @Override
    Object[] bindConfigs() {
        ConfigSources.set("listenPort", namesrvPort, namesrvConfig);
        ConfigSources.bind(configFile, overrides, brokerConfig, storeConfig, consoleConfig);
        ConfigSources.set("namesrvAddr", "127.0.0.1:" + namesrvConfig.listenPort, brokerConfig);
        if (storeConfig.brokerRole == BrokerRole.SLAVE) {
            throw ConfigException.invalidValue("brokerRole", storeConfig.brokerRole.name(), "a standalone runs "
                    + "one broker, which has no master to follow: use ASYNC_MASTER or SYNC_MASTER (brokerId=0), or "
                    + "'apogee broker' for a slave");
        }
        BrokerCommand.validate(brokerConfig, storeConfig);
        return new Object[] {namesrvConfig, brokerConfig, storeConfig, consoleConfig};
    }

    /** The broker's keys (those of {@code -c} and {@code key=value}), the console's, then the name server's. */
    @Override
    String reference() {
        return ConfigDocument.brokerSection() + ConfigDocument.consoleSection() + ConfigDocument.namesrvSection();
    }

    @Override
    Lifecycle createServer() {
        standalone = new Standalone(namesrvConfig, brokerConfig, storeConfig).brokerConfigFile(configFile)
                .console(consoleConfig);
        return standalone;
    }

    @Override
    List<String> bootLines() {
        List<String> lines = new ArrayList<>(List.of(BootMessages.namesrv(namesrvConfig, standalone.namesrv().port()),
                BootMessages.broker(brokerConfig, standalone.broker().address())));
        standalone.console().ifPresent(console -> lines.addAll(BootMessages.console(console)));
        if (!standalone.consoleProblem().isEmpty()) {
            lines.add(standalone.consoleProblem());
        }
        return lines;
    }
}
