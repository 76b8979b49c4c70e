package io.apogee.broker.topic;

import io.apogee.remoting.body.TopicConfig;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Told when topics are created or updated, e.g. to register them with the name servers at once. */
@FunctionalInterface
public interface TopicChangeListener {

    /**
     * Called after {@code changed} were stored and persisted. The returned future completes (never
     * exceptionally) when the listener is done with the change, e.g. every name server answered or failed.
     */
    CompletableFuture<Void> onTopicsChanged(List<TopicConfig> changed);
}
