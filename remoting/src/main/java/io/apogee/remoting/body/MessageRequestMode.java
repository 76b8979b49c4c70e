package io.apogee.remoting.body;

/**
 * How a consumer reads the queues it is assigned (RocketMQ 5.x {@code MessageRequestMode}, written by name in JSON
 * bodies and {@code messageRequestMode.json}): {@link #PULL} reads one queue from the consumer's own offset,
 * {@link #POP} asks the broker for messages and acknowledges each one
 * (docs/protocol/16-timers-trace-reply-pop.md §4).
 */
public enum MessageRequestMode {
    /** Classic pulls of assigned queues (PULL_MESSAGE). */
    PULL,
    /** Pops (POP_MESSAGE) with per-message acks. */
    POP
}
