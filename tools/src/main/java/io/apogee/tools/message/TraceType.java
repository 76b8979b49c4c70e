package io.apogee.tools.message;

/**
 * The kinds of message-trace records the Apache clients write, named as on the wire (the first field of a record,
 * docs/protocol/16-timers-trace-reply-pop.md §2): a send ({@code Pub}), the start and end of a consumption
 * ({@code SubBefore}, {@code SubAfter}, linked by their request id), a transaction's end ({@code EndTransaction})
 * and a 5.x timer message's recall ({@code Recall}).
 */
public enum TraceType {
    Pub,
    SubBefore,
    SubAfter,
    EndTransaction,
    Recall
}
