package io.apogee.broker.topic;

import io.apogee.remoting.body.TopicConfig;
import java.util.concurrent.CompletableFuture;

/**
 * Outcome of {@link TopicTable#createOrGet}: the topic's config, whether this call created it, and a future that
 * completes once the topic is ready — written to topics.json and announced to the name servers — or fails when it
 * could not be written; already complete for a topic that was ready.
 */
public record TopicCreation(TopicConfig config, boolean created, CompletableFuture<Void> ready) {
}
