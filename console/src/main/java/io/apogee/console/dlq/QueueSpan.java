package io.apogee.console.dlq;

import io.apogee.tools.message.MessageQueue;

/**
 * The stored part of one queue of a dead-letter topic: offsets {@code [from, to)} on the master at {@code addr}.
 *
 * <p>Immutable.
 */
public record QueueSpan(MessageQueue queue, String addr, long from, long to) {

    public long size() {
        return Math.max(0, to - from);
    }

    /** The part of this span from offset {@code start}, at most {@code count} long. */
    public QueueSpan window(long start, long count) {
        long begin = Math.max(from, start);
        return new QueueSpan(queue, addr, begin, Math.min(to, begin + Math.max(0, count)));
    }
}
