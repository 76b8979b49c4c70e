package io.apogee.tools.cli.consumer;

import java.util.List;

/** The consumer and consumer-group commands of mqadmin. */
public final class ConsumerCommands {

    private ConsumerCommands() {
    }

    public static List<Object> all() {
        return List.of(new ConsumerProgressCommand(), new ConsumerStatusCommand(), new GetConsumerStatusCommand(),
                new GetConsumerConfigCommand(),
                new UpdateSubGroupCommand(), new SetConsumeModeCommand(),
                new DeleteSubGroupCommand(), new CloneGroupOffsetCommand(), new StartMonitoringCommand(),
                new SkipPoisonMessageCommand());
    }
}
