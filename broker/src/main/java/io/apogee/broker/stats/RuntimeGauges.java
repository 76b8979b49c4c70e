package io.apogee.broker.stats;

import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * Live figures of the broker's parts that the runtime info shows next to the statistics.
 *
 * @param heldPulls             pulls parked by long polling
 * @param sendQueueSize         requests waiting in the broker-send pool's queue
 * @param sendQueueCapacity     that queue's capacity ({@code sendThreadPoolQueueCapacity})
 * @param pullQueueSize         requests waiting in the broker-pull pool's queue
 * @param pullQueueCapacity     that queue's capacity ({@code pullThreadPoolQueueCapacity})
 * @param active                whether the broker serves as a master (Apache's {@code brokerActive})
 * @param startAcceptSendMillis when the broker started accepting sends (ms since the epoch)
 */
public record RuntimeGauges(IntSupplier heldPulls, IntSupplier sendQueueSize, int sendQueueCapacity,
                            IntSupplier pullQueueSize, int pullQueueCapacity, BooleanSupplier active,
                            long startAcceptSendMillis) {

    /** Gauges of a broker without pools (tests): nothing queued, active, accepting since now. */
    public static RuntimeGauges idle(IntSupplier heldPulls) {
        return new RuntimeGauges(heldPulls, () -> 0, 0, () -> 0, 0, () -> true, System.currentTimeMillis());
    }
}
