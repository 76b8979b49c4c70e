package io.apogee.tools.cli.consumer;

import io.apogee.remoting.body.ConsumerConnection;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.cli.CommandFailure;
import java.util.Map;

/**
 * GET_CONSUMER_CONNECTION_LIST (203) of a group, sent to {@code -b} or to the first master of the group's retry
 * route ({@code %RETRY%<group>}) that answers, as DefaultMQAdminExt does.
 *
 * <p>Stateless, hence thread-safe.
 */
public final class ConnectionLookup {

    private ConnectionLookup() {
    }

    public static ConsumerConnection consumers(AdminClient admin, String group, String brokerAddr)
            throws AdminException {
        if (brokerAddr != null) {
            return admin.groups().consumerConnection(brokerAddr.trim(), group);
        }
        Map<String, String> masters = admin.groupMasters(group);
        if (masters.isEmpty()) {
            throw new CommandFailure("consumer group [" + group + "] has no broker in the route of %RETRY%" + group);
        }
        AdminException last = null;
        for (String addr : masters.values()) {
            try {
                return admin.groups().consumerConnection(addr, group);
            } catch (AdminException e) {
                last = e;
            }
        }
        throw last;
    }
}
