package io.apogee.remoting;

/**
 * Told how long each answered request took, from the moment its frame was decoded to the moment its response was
 * handed to the connection (for a parked pull, the whole wait). Oneway requests and requests never answered are not
 * timed.
 *
 * <p>Implementations are called on whichever thread replies (Netty I/O threads, worker pools, store completion
 * threads): they must be thread-safe, allocation-free on their common path, and never block.
 */
@FunctionalInterface
public interface RequestTimer {

    RequestTimer NONE = (requestCode, responseCode, nanos) -> { };

    void answered(int requestCode, int responseCode, long nanos);
}
