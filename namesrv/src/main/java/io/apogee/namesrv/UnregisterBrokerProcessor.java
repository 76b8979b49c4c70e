package io.apogee.namesrv;

import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestProcessor;

/**
 * UNREGISTER_BROKER (104): a broker leaves at shutdown. Request ext fields {@code brokerName},
 * {@code brokerAddr}, {@code clusterName} (required) and {@code brokerId} (ignored: the address identifies the
 * broker). Always answers SUCCESS, also for a broker that was not registered.
 *
 * <p>Thread-safe: stateless apart from the thread-safe {@link RouteTable}.
 */
public final class UnregisterBrokerProcessor implements RequestProcessor {

    private final RouteTable routes;

    public UnregisterBrokerProcessor(RouteTable routes) {
        this.routes = routes;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        String brokerName = request.requireExt("brokerName");
        String brokerAddr = request.requireExt("brokerAddr");
        String clusterName = request.requireExt("clusterName");
        routes.unregister(clusterName, brokerName, brokerAddr);
        return RemotingCommand.success();
    }
}
