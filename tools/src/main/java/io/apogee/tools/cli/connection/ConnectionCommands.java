package io.apogee.tools.cli.connection;

import java.util.List;

/** The connection commands of mqadmin. */
public final class ConnectionCommands {

    private ConnectionCommands() {
    }

    public static List<Object> all() {
        return List.of(new ConsumerConnectionCommand(), new ProducerConnectionCommand());
    }
}
