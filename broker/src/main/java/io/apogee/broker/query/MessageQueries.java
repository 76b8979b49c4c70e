package io.apogee.broker.query;

import io.apogee.remoting.RemotingServer;
import io.apogee.remoting.RequestCode;
import io.apogee.store.MessageStore;

/**
 * The message look-ups of a broker: QUERY_MESSAGE (12, {@link QueryMessageProcessor}) and VIEW_MESSAGE_BY_ID (33,
 * {@link ViewMessageProcessor}). Both run on the server's default worker pool: each reads at most a few dozen
 * records from mapped memory, without locks or disk writes. Stateless.
 */
public final class MessageQueries {

    private MessageQueries() {
    }

    /** Registers both processors with {@code server}. */
    public static void registerWith(RemotingServer server, MessageStore store) {
        server.registerProcessor(RequestCode.QUERY_MESSAGE, new QueryMessageProcessor(store));
        server.registerProcessor(RequestCode.VIEW_MESSAGE_BY_ID, new ViewMessageProcessor(store));
    }
}
