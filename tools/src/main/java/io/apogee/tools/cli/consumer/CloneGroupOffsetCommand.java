package io.apogee.tools.cli.consumer;

import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.cli.AdminCommand;
import io.apogee.tools.cli.Targets;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cloneGroupOffset -s SRC_GROUP -d DEST_GROUP -t T [-o false]}: CLONE_GROUP_OFFSET (314) on every master of
 * the topic.
 *
 * <p>Not thread-safe; runs once.
 */
@Command(name = "cloneGroupOffset", mixinStandardHelpOptions = true, description = "Clone offset from other group.")
public final class CloneGroupOffsetCommand extends AdminCommand {

    @Option(names = {"-s", "--srcGroup"}, required = true, description = "Source consumer group.")
    String source;

    @Option(names = {"-d", "--destGroup"}, required = true, description = "Destination consumer group.")
    String target;

    @Option(names = {"-t", "--topic"}, required = true, description = "Topic.")
    String topic;

    @Option(names = {"-o", "--offline"}, arity = "1", defaultValue = "false",
            description = "The group or the topic is offline.")
    boolean offline;

    @Override
    protected void execute(AdminClient admin, PrintWriter out) throws AdminException {
        for (String addr : Targets.topicMasters(admin, topic.trim()).values()) {
            admin.groups().cloneGroupOffset(addr, source.trim(), target.trim(), topic.trim(), offline);
        }
        out.printf("clone group offset success. srcGroup[%s], destGroup=[%s], topic[%s]%n", source.trim(),
                target.trim(), topic.trim());
    }
}
