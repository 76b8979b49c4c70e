package io.apogee.distribution;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.console.ConsoleServer;
import io.apogee.namesrv.NamesrvConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The one-line "boot success" messages, worded as RocketMQ's so that scripts and people grepping for
 * {@code boot success} keep working.
 *
 * <p>Stateless.
 */
final class BootMessages {

    private BootMessages() {
    }

    static String namesrv(NamesrvConfig config, int port) {
        return "The Name Server boot success. serializeType=JSON, address " + config.bindAddress + ":" + port;
    }

    static String broker(BrokerConfig config, String address) {
        String line = "The broker[" + config.brokerName + ", " + address + "] boot success. serializeType=JSON";
        return config.namesrvAddr.isBlank() ? line : line + " and name server is " + config.namesrvAddr;
    }

    /**
     * Where the console is and, on the start that created the users file, the generated admin password: printed
     * this once, stored only as a hash.
     */
    static List<String> console(ConsoleServer console) {
        List<String> lines = new ArrayList<>();
        lines.add("The console is at " + console.url() + "/");
        console.generatedPassword().ifPresent(password -> lines.add("Console login: user admin, password "
                + password + " (shown only now; stored as a bcrypt hash in " + console.usersFile() + ")"));
        return lines;
    }
}
