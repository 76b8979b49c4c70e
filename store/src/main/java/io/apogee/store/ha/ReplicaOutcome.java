package io.apogee.store.ha;

/** How a SYNC_MASTER wait for a slave ended. */
public enum ReplicaOutcome {
    /** A slave acknowledged every byte of the message. */
    REPLICATED,
    /** No slave acknowledged it within {@code slaveTimeout}. */
    TIMED_OUT,
    /** No slave is connected, or the best one is more than {@code haSlaveFallbehindMax} behind: not waited for. */
    NO_SLAVE
}
