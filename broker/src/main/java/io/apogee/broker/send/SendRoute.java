package io.apogee.broker.send;

import io.apogee.remoting.RemotingCommand;
import java.util.concurrent.CompletableFuture;

/**
 * Where a single SEND is really stored (see {@link SendRouter}): {@code topic}/{@code queueId} with
 * {@code properties} (the client's, possibly rewritten), {@code responseQueueId} echoed in the response; or a
 * {@code rejection} to answer instead. {@link #UNCHANGED} means "store as requested". {@code ready}, when not null,
 * says when a topic the route created (a dead-letter topic) is ready to be stored into.
 *
 * <p>Immutable.
 */
record SendRoute(String topic, int queueId, String properties, int responseQueueId, RemotingCommand rejection,
                 CompletableFuture<Void> ready) {

    static final SendRoute UNCHANGED = new SendRoute(null, -1, null, -1, null, null);

    /** A route to an existing topic. */
    SendRoute(String topic, int queueId, String properties, int responseQueueId) {
        this(topic, queueId, properties, responseQueueId, null, null);
    }

    static SendRoute rejected(RemotingCommand response) {
        return new SendRoute(null, -1, null, -1, response, null);
    }
}
