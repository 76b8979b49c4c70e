package io.apogee.broker.topic;

import io.apogee.remoting.body.TopicConfig;
import java.util.concurrent.CompletableFuture;

/**
 * Outcome of {@link TopicTable#createOrGet}: the topic's config, whether this call created it, and a future
 * that completes once the change listener (name-server registration) is done; already complete when
 * nothing was created.
 */
public record TopicCreation(TopicConfig config, boolean created, CompletableFuture<Void> announced) {
}
