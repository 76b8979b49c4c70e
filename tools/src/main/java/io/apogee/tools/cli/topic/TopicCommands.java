package io.apogee.tools.cli.topic;

import java.util.List;

/** The topic commands of mqadmin, in the order the help lists them. */
public final class TopicCommands {

    private TopicCommands() {
    }

    public static List<Object> all() {
        return List.of(new UpdateTopicCommand(), new DeleteTopicCommand(), new TopicListCommand(),
                new TopicRouteCommand(), new TopicStatusCommand(), new TopicClusterListCommand(),
                new UpdateTopicPermCommand(), new UpdateOrderConfCommand(), new AllocateMqCommand(),
                new StatsAllCommand());
    }
}
