package io.apogee.broker.send;

import io.apogee.remoting.RemotingCommand;
import java.util.concurrent.CompletableFuture;

/**
 * Where a single SEND is really stored (see {@link SendRouter}): {@code topic}/{@code queueId} with
 * {@code properties} (the client's, possibly rewritten), {@code responseQueueId} echoed in the response; or a
 * {@code rejection} to answer instead. {@link #UNCHANGED} means "store as requested". {@code ready}, when not null,
 * says when a topic the route created (a dead-letter topic) is ready to be stored into. {@code deliverMs} &gt; 0 marks
 * a timer message parked in the wheel until then (its response carries a recall handle).
 *
 * <p>Immutable.
 */
record SendRoute(String topic, int queueId, String properties, int responseQueueId, RemotingCommand rejection,
                 CompletableFuture<Void> ready, long deliverMs) {

    static final SendRoute UNCHANGED = new SendRoute(null, -1, null, -1, null, null, 0);

    /** A route to an existing topic. */
    SendRoute(String topic, int queueId, String properties, int responseQueueId) {
        this(topic, queueId, properties, responseQueueId, null, null, 0);
    }

    /** A route to a topic that may still be being created. */
    SendRoute(String topic, int queueId, String properties, int responseQueueId, RemotingCommand rejection,
              CompletableFuture<Void> ready) {
        this(topic, queueId, properties, responseQueueId, rejection, ready, 0);
    }

    static SendRoute rejected(RemotingCommand response) {
        return new SendRoute(null, -1, null, -1, response, null, 0);
    }
}
