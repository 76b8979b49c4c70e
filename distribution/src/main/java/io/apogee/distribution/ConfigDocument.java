package io.apogee.distribution;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.common.config.ConfigReference;
import io.apogee.console.ConsoleConfig;
import io.apogee.namesrv.NamesrvConfig;
import io.apogee.store.MessageStoreConfig;

/**
 * The configuration reference of Apogee, {@code docs/CONFIG.md}: a header, then the keys of each config file
 * rendered by {@link ConfigReference} from freshly constructed config objects (so the defaults shown are the
 * code's). {@code apogee config-reference} prints {@link #text()}; {@code -p --describe} prints the sections of
 * one command.
 *
 * <p>Stateless.
 */
final class ConfigDocument {

    /** The command that rewrites the file, as the header and the freshness test state it. */
    static final String REGENERATE = "bin/apogee config-reference > docs/CONFIG.md";

    private static final String HEADER = """
            # Configuration reference

            > Generated from the `@ConfigKey` annotations of `NamesrvConfig`, `BrokerConfig`,
            > `MessageStoreConfig` and `ConsoleConfig`; do not edit by hand. After changing a key, build
            > (`mvn -B package -DskipTests`) and regenerate: `%s`.
            > `ConfigReferenceTest` fails while this file and the code differ.

            Config files use Java properties syntax (`key=value`, `#` comments) and RocketMQ's key names, so
            RocketMQ's `broker.conf` and `namesrv.conf` load as they are (samples: `conf/`). `key=value` arguments
            on the command line override the file. `-p` prints every key with its effective value; `-p --describe`
            prints this reference for the command's keys. A value outside its legal values stops start-up with
            exit code 2, naming key and value; an unknown key is logged with the nearest known key; a key marked
            *accepted, not used yet* is a RocketMQ key that Apogee accepts without acting on it (logged when set).

            """.formatted(REGENERATE);

    private ConfigDocument() {
    }

    /** The whole of {@code docs/CONFIG.md}. */
    static String text() {
        return (HEADER + namesrvSection() + brokerSection() + consoleSection()).stripTrailing() + "\n";
    }

    /** The keys of {@code namesrv.conf}. */
    static String namesrvSection() {
        return ConfigReference.section("Name server keys (namesrv.conf)", """
                Read by `apogee namesrv -c namesrv.conf` (and `bin/mqnamesrv`). In `apogee standalone` the embedded
                name server runs with these defaults; only its port is set, by `--namesrv-port`.
                """, new NamesrvConfig());
    }

    /** The keys of {@code broker.conf}: the broker's and its store's. */
    static String brokerSection() {
        return ConfigReference.section("Broker keys (broker.conf)", """
                Read by `apogee broker -c broker.conf` and `apogee standalone -c broker.conf` (and `bin/mqbroker`).
                One file sets both tables: `BrokerConfig` (the broker) and `MessageStoreConfig` (its store).
                """, new BrokerConfig(), new MessageStoreConfig());
    }

    /** The keys of the web console: in broker.conf under {@code apogee standalone}, or {@code apogee console}'s. */
    static String consoleSection() {
        return ConfigReference.section("Console keys", """
                The web console ([docs/CONSOLE.md](CONSOLE.md)). `apogee standalone` reads them from the broker's
                file and `key=value` arguments and runs the console beside its broker; `apogee console -n host:port`
                runs it alone against any cluster, reading them from `-c console.conf` and `key=value` arguments.
                """, new ConsoleConfig());
    }
}
