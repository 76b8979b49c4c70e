package io.apogee.tools.cli.cluster;

import java.util.List;

/** The cluster commands of mqadmin. */
public final class ClusterCommands {

    private ClusterCommands() {
    }

    public static List<Object> all() {
        return List.of(new ClusterListCommand(), new ClusterRtCommand());
    }
}
