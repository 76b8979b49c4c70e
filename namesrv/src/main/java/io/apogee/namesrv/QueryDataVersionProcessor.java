package io.apogee.namesrv;

import io.apogee.common.text.ClientText;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.DataVersion;

/**
 * QUERY_DATA_VERSION (322): a broker asks whether its topic table changed since it last registered.
 * Request: ext {@code brokerAddr} (required; {@code brokerName}, {@code clusterName}, {@code brokerId} are
 * sent too but the address identifies the broker), body {@link DataVersion} JSON. Response: SUCCESS, ext
 * {@code changed} true/false, body the stored DataVersion (or the given one when none is stored). An
 * unchanged version also counts as a sign of life. A malformed body answers SYSTEM_ERROR with the parser's
 * message rendered by {@link ClientText}.
 *
 * <p>Thread-safe: stateless apart from the thread-safe {@link RouteTable}.
 */
public final class QueryDataVersionProcessor implements RequestProcessor {

    private final RouteTable routes;

    public QueryDataVersionProcessor(RouteTable routes) {
        this.routes = routes;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        String brokerAddr = request.requireExt("brokerAddr");
        DataVersion given;
        try {
            given = JsonCodec.decode(request.body(), DataVersion.class);
        } catch (IllegalArgumentException e) {
            return RemotingCommand.response(ResponseCode.SYSTEM_ERROR, ClientText.of(e.getMessage()));
        }
        DataVersionCheck check = routes.checkDataVersion(brokerAddr, given, System.currentTimeMillis());
        DataVersion answer = check.stored() == null ? given : check.stored();
        return RemotingCommand.success()
                .putExt("changed", check.changed())
                .body(JsonCodec.encode(answer));
    }
}
