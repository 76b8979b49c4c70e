package io.apogee.tools.cli.broker;

import java.util.List;

/** The broker commands of mqadmin. */
public final class BrokerCommands {

    private BrokerCommands() {
    }

    public static List<Object> all() {
        return List.of(new UpdateBrokerConfigCommand(), new BrokerStatusCommand(), new BrokerConsumeStatsCommand(),
                new GetBrokerConfigCommand(), new CleanCommands.CleanExpiredCq(), new CleanCommands.CleanUnusedTopic(),
                new SendMsgStatusCommand());
    }
}
