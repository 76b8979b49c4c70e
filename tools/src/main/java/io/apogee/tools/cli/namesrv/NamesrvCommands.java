package io.apogee.tools.cli.namesrv;

import java.util.List;

/** The name server commands of mqadmin. */
public final class NamesrvCommands {

    private NamesrvCommands() {
    }

    public static List<Object> all() {
        return List.of(new KvConfigCommands.UpdateKvConfig(), new KvConfigCommands.DeleteKvConfig(),
                new NamesrvConfigCommands.GetNamesrvConfig(), new NamesrvConfigCommands.UpdateNamesrvConfig(),
                new WritePermCommands.WipeWritePerm(), new WritePermCommands.AddWritePerm());
    }
}
