package io.apogee.broker.send;

import io.apogee.remoting.RemotingCommand;

/**
 * Where a single SEND is really stored (see {@link SendRouter}): {@code topic}/{@code queueId} with
 * {@code properties} (the client's, possibly rewritten), {@code responseQueueId} echoed in the response; or a
 * {@code rejection} to answer instead. {@link #UNCHANGED} means "store as requested".
 *
 * <p>Immutable.
 */
record SendRoute(String topic, int queueId, String properties, int responseQueueId, RemotingCommand rejection) {

    static final SendRoute UNCHANGED = new SendRoute(null, -1, null, -1, null);

    static SendRoute rejected(RemotingCommand response) {
        return new SendRoute(null, -1, null, -1, response);
    }
}
