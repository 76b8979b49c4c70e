package io.apogee.tools.cli.message;

import io.apogee.tools.cli.CommandFailure;
import picocli.CommandLine.Option;

/**
 * The options queryMsgById and queryMsgByUniqueKey accept from Apache but do not act on, a picocli mixin:
 * {@code -g}/{@code -d} (push the message to a consumer: refused) and {@code -c} (cluster: not needed).
 *
 * <p>Not thread-safe; filled once by picocli.
 */
final class PushToConsumerOptions {

    @Option(names = {"-g", "--consumerGroup"}, description = "Consumer group (push to a consumer: not offered).")
    String group;

    @Option(names = {"-d", "--clientId"}, description = "Consumer client id (push to a consumer: not offered).")
    String clientId;

    @Option(names = {"-c", "--cluster"}, description = "Cluster name (accepted, not needed).")
    String cluster;

    /** Fails the command when {@code -g} or {@code -d} was given. */
    void refusePush() {
        if (group != null || clientId != null) {
            throw new CommandFailure("pushing a message to a consumer (-g/-d) is not offered");
        }
    }
}
